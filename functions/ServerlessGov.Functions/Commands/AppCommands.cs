namespace ServerlessGov.Functions.Commands;

/// <summary>
/// The app's command-line verbs and the dispatcher that runs one instead of the host. A feature adds its verb with
/// one line in <see cref="All"/>.
/// </summary>
public static class AppCommands
{
    /// <summary>Every verb.</summary>
    public static IReadOnlyList<IAppCommand> All { get; } =
    [
        new DevTokenCommand(),
        new EndpointsCommand(),
        new ImportCommand(),
        new GeneratePopulationCommand(),
        new DemoCommand(),
    ];

    /// <summary>True when the first argument is a verb rather than a host option (<c>--urls …</c>, <c>Key=Value</c>).</summary>
    public static bool IsCommand(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Count > 0 && !args[0].StartsWith('-') && !args[0].StartsWith('/') && !args[0].Contains('=', StringComparison.Ordinal);
    }

    /// <summary>Lets the verb named by <c>args[0]</c> add its settings before the host is built; nothing for an unknown verb.</summary>
    public static void ConfigureHost(IReadOnlyList<string> args, WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(builder);
        Find(args.Count > 0 ? args[0] : string.Empty)?.ConfigureHost(builder, args.Skip(1).ToArray());
    }

    /// <summary>Runs the verb named by <c>args[0]</c> with the rest as its arguments; an unknown verb prints the list of verbs and returns 2.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, WebApplication app, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(error);
        var verb = args.Count > 0 ? args[0] : string.Empty;
        var command = Find(verb);
        if (command is null)
        {
            await error.WriteLineAsync($"Unknown command '{verb}'. Commands:").ConfigureAwait(false);
            foreach (var known in All)
            {
                await error.WriteLineAsync($"  {known.Name} {known.Usage}").ConfigureAwait(false);
            }

            return 2;
        }

        return await command.RunAsync(new CommandContext(args.Skip(1).ToArray(), app, output, error), cancellationToken).ConfigureAwait(false);
    }

    private static IAppCommand? Find(string verb) =>
        All.FirstOrDefault(c => string.Equals(c.Name, verb, StringComparison.OrdinalIgnoreCase));
}
