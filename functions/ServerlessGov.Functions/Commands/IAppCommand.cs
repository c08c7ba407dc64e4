namespace ServerlessGov.Functions.Commands;

/// <summary>A command-line verb of the app (<c>dotnet run -- &lt;verb&gt; …</c>), run instead of the host; listed in <see cref="AppCommands"/>.</summary>
public interface IAppCommand
{
    /// <summary>The verb, as typed (<c>dev-token</c>).</summary>
    string Name { get; }

    /// <summary>The verb's arguments and what it does, on one line, for the usage message.</summary>
    string Usage { get; }

    /// <summary>
    /// Adds the verb's own settings to the host before it is built (<paramref name="arguments"/> are the verb's, without
    /// the verb). Most verbs need none.
    /// </summary>
    void ConfigureHost(WebApplicationBuilder builder, IReadOnlyList<string> arguments)
    {
    }

    /// <summary>Runs the verb; returns the process exit code (0 success, 1 failure, 2 wrong usage).</summary>
    Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken = default);
}
