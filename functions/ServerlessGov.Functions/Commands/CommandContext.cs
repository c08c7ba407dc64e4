namespace ServerlessGov.Functions.Commands;

/// <summary>What a verb gets: its own arguments, the built (not started) app, and where to write.</summary>
/// <param name="Arguments">The arguments after the verb.</param>
/// <param name="App">
/// The app as the host would run it, its functions mapped but not started: configuration (host.json,
/// local.settings.json, environment) and the features' services in <c>App.Services</c>. A verb that needs storage or
/// the triggers starts it (<c>App.StartAsync</c>).
/// </param>
/// <param name="Output">Where results go (standard output), so they can be piped.</param>
/// <param name="Error">Where messages for the person at the terminal go (standard error).</param>
public sealed record CommandContext(IReadOnlyList<string> Arguments, WebApplication App, TextWriter Output, TextWriter Error)
{
    /// <summary>The app's services.</summary>
    public IServiceProvider Services => App.Services;
}
