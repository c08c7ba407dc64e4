using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ServerlessGov.Population;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.WebConsole.Tests.Support;

/// <summary>
/// The real function app on a free loopback port, serving the console at <c>/</c>, with a generated population
/// imported and the twelve sample policies published and paid, as a person would find it after a day's work: some
/// cases paid, some waiting for the resident's confirmation, some payments failed at a closed account, reviews open.
/// One app for every journey test (it takes a minute to fill); each test signs in afresh in its own browser context.
/// </summary>
public sealed class ConsoleApp : IAsyncLifetime
{
    /// <summary>Residents in the generated population.</summary>
    public const int Residents = 400;

    /// <summary>Enterprises in the generated population.</summary>
    public const int Enterprises = 40;

    /// <summary>
    /// The policy whose reviews run on short, elapsed-time targets (signed in 40 s, closed in 5 min), so the SLA clocks
    /// have run out while the tests look: its items are overdue and its supervisors told.
    /// </summary>
    public const string FastSlaPolicy = "dibao-top-up";

    private FunctionApp? _app;

    /// <summary>Where the console is served.</summary>
    public Uri BaseAddress => App.BaseAddress;

    /// <summary>The running app.</summary>
    public FunctionApp App => _app ?? throw new InvalidOperationException("The app has not started.");

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        var root = $"http://127.0.0.1:{port}/api/";
        var environment = new Dictionary<string, string>
        {
            // The app pays into its own sandbox bank (Development's default), with the bank's client credential.
            ["Enterprises__EventGrid__TopicEndpoint"] = root + "enterprises/events",
            ["Enterprises__EventGrid__TopicKey"] = "console-tests-topic-key-0123456789abcdef",
            ["Enterprises__Webhooks__AllowPrivateNetworks"] = "true",
            // Accounts ending in 7 are closed at the bank: those payments fail and wait for a corrected account.
            ["SandboxBank__ClosedAccountSuffixes__0"] = "7",
            ["SandboxBank__SettlementDelay"] = "00:00:01",
            // Residents have a day to confirm, so confirmations are still open when the tests look.
            ["Cases__ConfirmationWindow"] = "1.00:00:00",
            ["Cases__SettlementPollInterval"] = "00:00:02",
            ["Cases__PaymentRetryDelay"] = "00:00:01",
            ["Cases__ReturnWatch"] = "00:00:00",
            [$"Reviews__Policies__{FastSlaPolicy}__Normal__Sign"] = "00:00:40",
            [$"Reviews__Policies__{FastSlaPolicy}__Normal__Close"] = "00:05:00",
            [$"Reviews__Policies__{FastSlaPolicy}__Normal__Clock"] = "Elapsed",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        _app = await FunctionApp.StartAsync(environment: environment, port: port);
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>A client carrying a development token for <paramref name="role"/> (sub = <paramref name="subject"/>).</summary>
    public async Task<HttpClient> ClientAsync(string role, string? subject = null)
    {
        using var anonymous = new HttpClient { BaseAddress = BaseAddress };
        using var response = await anonymous.PostAsJsonAsync(new Uri("/api/dev/tokens", UriKind.Relative), new { role, subject });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>GETs <paramref name="path"/> as <paramref name="role"/> and reads the JSON answer.</summary>
    public async Task<JsonElement> GetJsonAsync(string role, string path, string? subject = null)
    {
        using var client = await ClientAsync(role, subject);
        return await client.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative));
    }

    /// <summary>Every case the app holds, through the listing the console pages through.</summary>
    public async Task<List<JsonElement>> CasesAsync(string? state = null)
    {
        using var client = await ClientAsync("operator");
        var cases = new List<JsonElement>();
        string? continuation = null;
        do
        {
            var url = "/api/cases?limit=200" + (state is null ? "" : "&state=" + state) + (continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation));
            var page = await client.GetFromJsonAsync<JsonElement>(new Uri(url, UriKind.Relative));
            cases.AddRange(page.GetProperty("items").EnumerateArray());
            continuation = page.GetProperty("continuationToken").GetString();
        }
        while (continuation is not null);

        return cases;
    }

    private async Task SeedAsync()
    {
        using var operatorClient = await ClientAsync("operator");
        using var author = await ClientAsync("policy-author");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        using var file = new MemoryStream();
        // The population with the complete extracts its sources deliver, declared as the main job declares them.
        var population = new PopulationOptions { Seed = 5, Residents = Residents, Enterprises = Enterprises, ReferenceDate = today };
        await PopulationWriter.WriteNdjsonAsync(PopulationGenerator.Generate(population), file);
        await PopulationWriter.WriteExtractsNdjsonAsync(PopulationGenerator.Extracts(population), file);
        file.Position = 0;
        using var import = await operatorClient.PostAsync(new Uri("/api/subjects/imports?format=ndjson", UriKind.Relative), new StreamContent(file));
        import.EnsureSuccessStatusCode();
        var importId = (await import.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("importId").GetString();
        await WaitAsync(TimeSpan.FromMinutes(3), "the import to complete", async () =>
            (await operatorClient.GetFromJsonAsync<JsonElement>(new Uri($"/api/subjects/imports/{importId}", UriKind.Relative))).GetProperty("status").GetString() == "Completed");

        foreach (var path in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "shared/ServerlessGov.Domain/Resources/policies"), "*.json").Order(StringComparer.Ordinal))
        {
            using var draft = await author.PostAsync(new Uri("/api/policies/drafts", UriKind.Relative),
                new StringContent(await File.ReadAllTextAsync(path), System.Text.Encoding.UTF8, "application/json"));
            draft.EnsureSuccessStatusCode();
            var view = await draft.Content.ReadFromJsonAsync<JsonElement>();
            using var publish = new HttpRequestMessage(HttpMethod.Post, $"/api/policies/{view.GetProperty("policyId").GetString()}/publish");
            publish.Headers.TryAddWithoutValidation("If-Match", view.GetProperty("eTag").GetString());
            using var published = await author.SendAsync(publish);
            published.EnsureSuccessStatusCode();
        }

        // Every case has come to rest: paid or ended, or waiting for a person (a reviewer, a confirmation, a corrected account).
        var previous = -1;
        var still = string.Empty;
        await WaitAsync(TimeSpan.FromMinutes(6), "every case to come to rest", async () =>
        {
            var cases = await CasesAsync();
            var moving = cases.Where(c => c.GetProperty("status").GetString() is "Running" or "Pending"
                && c.GetProperty("stage").GetString() is null or "Paying" or "AwaitingSettlement" or "Paid").ToList();
            still = $"{cases.Count} cases, still moving: "
                + string.Join(", ", moving.GroupBy(c => $"{c.GetProperty("status").GetString()}/{c.GetProperty("stage").GetString() ?? "-"}").Select(g => $"{g.Key} {g.Count()}"));
            var settled = cases.Count > 0 && moving.Count == 0 && cases.Count == previous;
            previous = cases.Count;
            return settled;
        }, () => still);

        // The fast policy's signing target (40 s) has passed for its first items, so the worklist and the supervisor's
        // page have overdue items to show whichever journey runs first.
        using var reviewer = await ClientAsync("reviewer");
        await WaitAsync(TimeSpan.FromMinutes(2), $"a review item of {FastSlaPolicy} to be overdue", async () =>
            (await reviewer.GetFromJsonAsync<JsonElement>(new Uri("/api/reviews?limit=1000", UriKind.Relative))).EnumerateArray()
                .Any(v => v.GetProperty("item").GetProperty("policyId").GetString() == FastSlaPolicy && v.GetProperty("item").GetProperty("overdue").GetBoolean()));
    }

    private async Task WaitAsync(TimeSpan timeout, string what, Func<Task<bool>> done, Func<string>? state = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                var output = App.Process.Output;
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}. {state?.Invoke()}\nThe app's last output:\n{output[Math.Max(0, output.Length - 6000)..]}");
            }

            await Task.Delay(2000);
        }
    }
}
