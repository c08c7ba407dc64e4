namespace ServerlessGov.Functions.Commands;

/// <summary>What a verb gets: its own arguments, the built (not started) app, and where to write.</summary>
/// <param name="Arguments">The arguments after the verb.</param>
/// <param name="App">
/// The app as the host would run it, its functions mapped but not started: configuration (host.json,
/// local.settings.json, environment) and the features' services in <c>App.Services</c>. A verb that reads or writes
/// the app's data calls <c>App.OpenFunctionsStorageAsync()</c> (no web server, no triggers), so it never binds a port
/// and runs while the app itself listens. Only the main job (<c>demo</c>) starts the app, on a free loopback port.
/// </param>
/// <param name="Output">Where results go (standard output), so they can be piped.</param>
/// <param name="Error">Where messages for the person at the terminal go (standard error).</param>
public sealed record CommandContext(IReadOnlyList<string> Arguments, WebApplication App, TextWriter Output, TextWriter Error)
{
    /// <summary>The app's services.</summary>
    public IServiceProvider Services => App.Services;
}
