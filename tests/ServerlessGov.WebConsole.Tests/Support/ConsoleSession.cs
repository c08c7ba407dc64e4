using Microsoft.Playwright;

namespace ServerlessGov.WebConsole.Tests.Support;

/// <summary>
/// What every journey test shares: the app with its data (<see cref="ConsoleApp"/>) and Debian's Chromium driven by
/// Playwright. The browser is never downloaded: without <c>/usr/bin/chromium</c> every test fails saying how to install it.
/// </summary>
public sealed class ConsoleSession : IAsyncLifetime
{
    /// <summary>Debian's Chromium, as <c>apt-get install chromium</c> puts it.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The app the console is served by.</summary>
    public ConsoleApp App { get; } = new();

    /// <summary>The running browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Debian's Chromium is not installed at {ChromiumPath}. Install it with `apt-get update && apt-get install -y chromium fonts-wqy-microhei` "
                + "(.ci/run does this itself); the console's browser tests drive it and never download a browser.");
        }

        _playwright = await Playwright.CreateAsync();
        // Launch gives every run a fresh temporary profile (user-data dir) of its own.
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>The journey tests share one app and one browser, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleSession>
{
    public const string Name = "console";
}
