using ServerlessGov.Functions.Cases.MainJob;

namespace ServerlessGov.Functions.Commands;

/// <summary>
/// <c>demo</c>: the main job — a fresh SQLite store under <c>.data/</c>, a generated population imported, the twelve
/// sample policies published and paid through the real engine, queues and sandbox bank, with a live progress bar and
/// a summary table. Exit code 0 when every case came to rest and none failed.
/// </summary>
public sealed class DemoCommand : IAppCommand
{
    /// <inheritdoc />
    public string Name => "demo";

    /// <inheritdoc />
    public string Usage => $"[--residents N ({MainJobOptions.DefaultResidents})] [--enterprises N ({MainJobOptions.DefaultEnterprises})] [--seed N (1)] [--folder <dir>] [--timeout-seconds N (600)] [--verbose]  generates, imports, publishes the sample policies and pays";

    /// <inheritdoc />
    public void ConfigureHost(WebApplicationBuilder builder, IReadOnlyList<string> arguments) =>
        builder.UseMainJobSettings(arguments);

    /// <inheritdoc />
    public async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = CommandOptions.Parse(context.Arguments);
        var residents = MainJobOptions.DefaultResidents;
        var enterprises = MainJobOptions.DefaultEnterprises;
        var seed = 1;
        var timeout = 600;
        if ((options.Get("--residents") is not null && !options.TryGetInt("--residents", out residents))
            || (options.Get("--enterprises") is not null && !options.TryGetInt("--enterprises", out enterprises))
            || (options.Get("--seed") is not null && !options.TryGetInt("--seed", out seed))
            || (options.Get("--timeout-seconds") is not null && !options.TryGetInt("--timeout-seconds", out timeout))
            || residents < 0 || enterprises < 0 || timeout < 1)
        {
            await context.Error.WriteLineAsync($"Usage: {Name} {Usage}").ConfigureAwait(false);
            return 2;
        }

        if (!context.App.Environment.IsDevelopment())
        {
            await context.Error.WriteLineAsync(
                $"The demo is a development job (generated residents, the sandbox bank, keys made up for the run) and the environment is '{context.App.Environment.EnvironmentName}'. " +
                "Run it as the README does (`dotnet run --project functions/ServerlessGov.Functions -- demo`, whose launch profile sets AZURE_FUNCTIONS_ENVIRONMENT=Development).").ConfigureAwait(false);
            return 1;
        }

        if (context.App.Configuration[MainJobRunner.FolderSetting] is not { } folder)
        {
            await context.Error.WriteLineAsync("The demo's settings were not applied when the app was built (run it as the first argument: `-- demo …`).").ConfigureAwait(false);
            return 1;
        }

        var job = new MainJobOptions(residents, enterprises, seed, folder, TimeSpan.FromSeconds(timeout));
        if (options.Has("--verbose"))
        {
            return await MainJobRunner.RunAsync(context.App, job, context.Output, cancellationToken).ConfigureAwait(false);
        }

        // The host logs every function start and payment; the progress bar replaces them unless --verbose.
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(TextWriter.Null);
        Console.SetError(TextWriter.Null);
        try
        {
            return await MainJobRunner.RunAsync(context.App, job, context.Output, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}
