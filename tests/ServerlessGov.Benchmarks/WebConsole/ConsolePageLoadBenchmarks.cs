using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Playwright;
using ServerlessGov.Benchmarks.Subjects;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Benchmarks.WebConsole;

/// <summary>
/// How long each console page takes to show its data in Debian's Chromium, on the local app with 100,000 residents
/// in the store: the main job (<c>demo</c>) fills a SQLite store (10,000 enterprises, the twelve sample policies
/// published and paid), the app is started on it in Development, and each person's page is opened by its address
/// in a signed-in tab (browser cache warm: one untimed load first), timed from navigation until the page's data is
/// on screen, and moved to from inside the console (as the menu does: no new boot). Reports the median and the slowest
/// of five loads per page, beside the same for the page's main API call alone (the peer: the same data without the browser).
/// <c>dotnet run -c Release --project tests/ServerlessGov.Benchmarks -- --filter '*ConsolePageLoadBenchmarks*'</c>;
/// <c>CONSOLE_BENCH_RESIDENTS</c> (100000) sets the population.
/// </summary>
[Config(typeof(LongSingleRunConfig))]
#pragma warning disable CA1001 // BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes the app and the browser.
public class ConsolePageLoadBenchmarks
#pragma warning restore CA1001
{
    private const int Loads = 5;
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string PseudonymKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    // Role, page address, what shows the page's data, and the API call behind it (the peer: the same data without the browser).
    private static readonly (string Role, string Path, string Data, string Api)[] Pages =
    [
        ("supervisor", "", "[data-testid=inbox], [data-testid=inbox-empty]", "api/inbox?limit=50"),
        ("policy-author", "policies", "[data-testid=policies] tbody tr", "api/policies"),
        ("reviewer", "reviews", "[data-testid=worklist] tbody tr", "api/reviews?offset=0&limit=26"),
        ("supervisor", "reviews/supervision", "[data-testid=weekly] tbody tr", "api/reviews/report/weekly?weeks=8"),
        ("resident", "my-benefits", "[data-testid=benefit], [data-testid=no-benefits]", "api/cases?limit=200"),
        ("enterprise", "enterprise", "[data-testid=matches] tbody tr", "api/enterprises/{me}/profile"),
        ("operator", "operations", "[data-testid=policy-figures] tbody tr", "api/operations/dashboard"),
        ("operator", "operations/cases", "[data-testid=case-list] tbody tr", "api/cases?limit=50"),
        ("operator", "operations/reconciliation", "[data-testid=matched]", "api/payouts/reconciliation"),
    ];

    private string _folder = null!;
    private FunctionApp _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _browser.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _playwright.Dispose();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a file for a moment; a temp folder left behind is harmless.
        }
    }

    [Benchmark]
    public async Task OpenEachPage()
    {
        foreach (var (role, path, data, api) in Pages)
        {
            await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = _app.BaseAddress.ToString(),
                ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
                Locale = "zh-CN",
            });
            context.SetDefaultTimeout(120_000);
            var page = await context.NewPageAsync();
            var me = await SignInAsync(page, role);
            var pageTimes = await TimeAsync(async () =>
            {
                await page.GotoAsync(path);
                await page.Locator(data).First.WaitForAsync();
            });
            // Moving to the page inside the console (as the navigation menu does): no new boot, the page's own calls and rendering.
            var inAppTimes = await TimeAsync(async () =>
            {
                await page.EvaluateAsync("() => Blazor.navigateTo('sign-in')");
                await page.Locator(data).First.WaitForAsync(new() { State = WaitForSelectorState.Detached });
                var watch = Stopwatch.StartNew();
                await page.EvaluateAsync("path => Blazor.navigateTo(path)", path.Length == 0 ? "/" : path);
                await page.Locator(data).First.WaitForAsync();
                return watch.Elapsed.TotalMilliseconds;
            });
            var token = await page.EvaluateAsync<string>("() => sessionStorage.getItem('serverlessgov.devToken')");
            var apiTimes = await TimeAsync(async () =>
            {
                using var call = new HttpRequestMessage(HttpMethod.Get, new Uri(_app.BaseAddress, api.Replace("{me}", me, StringComparison.Ordinal)));
                call.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                using var response = await _app.Client.SendAsync(call);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            });
            Report($"/{path,-26} as {role,-13} opened by address: median {pageTimes[Loads / 2],6:F0} ms, slowest {pageTimes[^1],6:F0} ms;"
                + $" from the menu: median {inAppTimes[Loads / 2],6:F0} ms, slowest {inAppTimes[^1],6:F0} ms;"
                + $" its API call {api.Split('?')[0],-32} median {apiTimes[Loads / 2],6:F0} ms, slowest {apiTimes[^1],6:F0} ms");
        }
    }

    // One untimed run first (the browser's cache and the app's warm), then Loads timed runs, sorted.
    private static Task<List<double>> TimeAsync(Func<Task> action) => TimeAsync(async () =>
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    });

    // The same for an action that times the part that counts itself.
    private static async Task<List<double>> TimeAsync(Func<Task<double>> action)
    {
        await action();
        var times = new List<double>();
        for (var load = 0; load < Loads; load++)
        {
            times.Add(await action());
        }

        times.Sort();
        return times;
    }

    private async Task SetupAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"Debian's Chromium is not installed at {Chromium}: apt-get install -y chromium fonts-wqy-microhei");
        }

        var residents = int.Parse(Environment.GetEnvironmentVariable("CONSOLE_BENCH_RESIDENTS") ?? "100000", CultureInfo.InvariantCulture);
        _folder = Path.Combine(Path.GetTempPath(), "serverlessgov-bench", "console-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        File.Copy(Path.Combine(RepositoryPaths.Root, "host.json"), Path.Combine(_folder, "host.json"));
        var keys = new Dictionary<string, string> { ["Subjects__PseudonymKey"] = PseudonymKey, ["Auth__DevSigningKey"] = FunctionApp.DevSigningKey };
        var watch = Stopwatch.StartNew();
        var store = Path.Combine(_folder, "store");
        await using (var job = AppProcess.Start(RepositoryPaths.Assembly("functions/ServerlessGov.Functions"), _folder, keys,
            "demo", "--residents", residents.ToString(CultureInfo.InvariantCulture), "--enterprises", (residents / 10).ToString(CultureInfo.InvariantCulture), "--folder", store,
            // At 100,000 residents the job takes about ten minutes to bring every case to rest, the demo's own default limit.
            "--timeout-seconds", "1800"))
        {
            if (!await job.WaitForExitAsync(TimeSpan.FromMinutes(30)) || job.ExitCode != 0)
            {
                throw new InvalidOperationException("The main job did not fill the store:\n" + job.Output);
            }
        }

        Report($"setup: the main job filled the store with {residents:N0} residents in {watch.Elapsed.TotalSeconds:F0} s (not timed)");
        _app = await FunctionApp.StartAsync(environment: new Dictionary<string, string>(keys)
        {
            ["AzureWebJobsStorage"] = "Data Source=" + Path.Combine(store, "serverlessgov.db"),
            ["Logging__LogLevel__Default"] = "Warning",
        });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    // Signs in through the role picker as the staff member "bench-{role}", or as the first resident or enterprise the app offers; returns who.
    private static async Task<string> SignInAsync(IPage page, string role)
    {
        await page.GotoAsync("sign-in");
        await page.GetByTestId("role-" + role).ClickAsync();
        var me = "bench-" + role;
        if (role is "resident" or "enterprise")
        {
            var subjects = await page.APIRequest.GetAsync("api/dev/subjects?kind=" + role);
            me = (await subjects.JsonAsync())!.Value.EnumerateArray().First().GetString()!;
        }

        await page.Locator("input[data-testid=subject], [data-testid=subject] input").FillAsync(me);

        await page.GetByTestId("sign-in").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("sign-in", StringComparison.Ordinal));
        await page.GetByTestId("signed-in-as").WaitForAsync();
        return me;
    }

    private static void Report(string line) => System.Console.WriteLine("// console: " + line);
}
