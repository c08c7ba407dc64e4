using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ServerlessGov.WebConsole.Tests.Support;

/// <summary>
/// One person at the console: a fresh browser context at 1366×768, signed in through the role picker as they would,
/// with the checks every page gets (no serious or critical accessibility violation) and its screenshot.
/// </summary>
public sealed class ConsolePage : IAsyncDisposable
{
    private static readonly Regex SignInAddress = new("/sign-in");

    private readonly IBrowserContext _context;

    private ConsolePage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
    }

    /// <summary>The browser tab.</summary>
    public IPage Page { get; }

    /// <summary>Where screenshots go: <c>CONSOLE_SCREENSHOTS</c> (docs/console when refreshing the docs), else the test output.</summary>
    public static string ScreenshotFolder { get; } = Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Opens the console and signs in as <paramref name="role"/> (<paramref name="subject"/> is the resident, enterprise or staff id).</summary>
    public static async Task<ConsolePage> SignInAsync(ConsoleSession session, string role, string? subject = null)
    {
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = session.App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "zh-CN",
            // The browser's own zone is UTC: the console must show Beijing time by itself.
            TimezoneId = "UTC",
        });
        // A cold start of the console boots .NET in the browser: on a loaded two-core machine that can take tens of seconds.
        context.SetDefaultNavigationTimeout(120_000);
        context.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(60_000);
        var page = await context.NewPageAsync();
        // What the browser reports going wrong, to say it when sign-in does not go through.
        var errors = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Enqueue(error);
        var console = new ConsolePage(context, page);
        await page.GotoAsync("sign-in");
        await page.GetByTestId("role-" + role).ClickAsync();
        if (subject is not null)
        {
            // As a person does: type the id, then move on (the field takes its value when it loses the focus).
            var field = page.Locator("input[data-testid=subject], [data-testid=subject] input");
            await field.FillAsync(subject);
            await field.PressAsync("Tab");
            await Assertions.Expect(field).ToHaveValueAsync(subject);
        }

        await page.GetByTestId("sign-in").ClickAsync();
        try
        {
            // An assertion that looks at the address until it changes: waiting for a navigation event instead misses one
            // that arrives between reading the address and starting to listen.
            await Assertions.Expect(page).Not.ToHaveURLAsync(SignInAddress, new() { Timeout = 120_000 });
        }
        catch (PlaywrightException ex)
        {
            // Say what the page shows (a refusal, an error) and what the browser reported, not only that nothing happened.
            var alerts = await page.Locator(".mud-alert").AllInnerTextsAsync();
            var crashed = await page.Locator("#blazor-error-ui").IsVisibleAsync();
            throw new TimeoutException(
                $"Signing in as {role} ({subject ?? "no id"}) did not leave the sign-in page ({page.Url}); it shows: [{string.Join(" | ", alerts)}]"
                + (crashed ? " and the console's error bar" : "") + $"; the browser reported: [{string.Join(" | ", errors)}]",
                ex);
        }

        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync();
        return console;
    }

    /// <summary>Goes to a page of the console by its address and waits for its heading.</summary>
    public async Task GoToAsync(string path, string heading)
    {
        await Page.GotoAsync(path);
        await ExpectHeadingAsync(heading);
    }

    /// <summary>Waits for the page's heading; when it does not come, the page as it stands is saved beside the screenshots.</summary>
    public async Task ExpectHeadingAsync(string heading)
    {
        try
        {
            await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = heading })).ToBeVisibleAsync();
        }
        catch (PlaywrightException)
        {
            await ScreenshotAsync("failed-" + string.Concat(heading.Where(char.IsLetterOrDigit)));
            throw;
        }
    }

    /// <summary>
    /// Scans the page with axe and fails on any serious or critical violation, naming each rule and element. The page is
    /// scanned as a person reads it, once its transitions have ended: a button that was just enabled fades from grey to
    /// its colour over 250 ms, and a scan in between would measure a colour nobody reads.
    /// </summary>
    public async Task ExpectAccessibleAsync()
    {
        await Page.EvaluateAsync("""
            () => Promise.all(document.getAnimations()
                .filter(a => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
                .map(a => a.finished.catch(() => null)))
            """);
        var result = await Page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, "Accessibility violations on " + Page.Url + ":\n" + string.Join("\n", serious.Select(Describe)));
    }

    /// <summary>Saves the page as <c>{name}.png</c> at 1366×768.</summary>
    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png") });
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private static string Describe(AxeResultItem violation) =>
        $"  {violation.Id} ({violation.Impact}): {violation.Help} — {string.Join(", ", violation.Nodes.Select(n => n.Target?.ToString()))}";
}
