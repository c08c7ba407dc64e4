using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.ChaosWorker;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects;
using ServerlessGov.Functions.Subjects.Import;
using ServerlessGov.Hosting;
using ServerlessGov.Population;

namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>
/// The chaos test's world: one SQLite store shared by several real worker processes of the function app, the sandbox
/// bank in the test process on a store of its own, and a control view of the shared store (the app's own services,
/// built but not started, so it runs no triggers) that imports, publishes and reads the outcome.
/// </summary>
internal sealed class ChaosCluster : IAsyncDisposable
{
    private readonly WebApplication _control;

    private ChaosCluster(string root, ChaosBank bank, WebApplication control, IReadOnlyList<ChaosWorkerProcess> workers)
    {
        Root = root;
        Bank = bank;
        _control = control;
        Workers = workers;
    }

    public string Root { get; }

    public ChaosBank Bank { get; }

    public IReadOnlyList<ChaosWorkerProcess> Workers { get; }

    public DurableTaskClient Durable => _control.Services.GetRequiredService<DurableTaskClient>();

    public PayoutLedger Ledger => _control.Services.GetRequiredService<PayoutLedger>();

    public ISubjectFactsReader Registry => _control.Services.GetRequiredService<ISubjectFactsReader>();

    /// <summary>Writes the shared content root, starts the bank and opens the control view; the workers are not started yet.</summary>
    public static async Task<ChaosCluster> CreateAsync(ChaosScenario scenario, ShiftedTimeProvider clock)
    {
        var root = Path.Combine(Path.GetTempPath(), "serverlessgov-chaos", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var app = Path.Combine(root, "app");
        var workers = Enumerable.Range(1, scenario.Workers).Select(i => new ChaosWorkerProcess("w" + i, app)).ToList();
        var bankSettings = new Dictionary<string, string>
        {
            ["Auth:FunctionKeys:chaos"] = ChaosBank.ClientKey,
            ["SandboxBank:TimeoutShare"] = scenario.BankTimeoutShare.ToString(CultureInfo.InvariantCulture),
            ["SandboxBank:HangTime"] = "00:00:02",
            ["SandboxBank:SettlementDelay"] = "00:00:00.500",
            ["SandboxBank:PollInterval"] = "00:00:00.100",
            ["SandboxBank:CallbackTimeout"] = "00:00:01",
            ["SandboxBank:CallbackMaxAttempts"] = "3",
            ["SandboxBank:CallbackRetryDelay"] = "00:00:00.250",
        };
        for (var i = 0; i < workers.Count; i++)
        {
            bankSettings[$"SandboxBank:CallbackUrls:{i}"] = workers[i].CallbackUrl;
        }

        var bank = await ChaosBank.StartAsync(Path.Combine(root, "bank"), bankSettings);
        Directory.CreateDirectory(app);
        await File.WriteAllTextAsync(Path.Combine(app, "host.json"), JsonSerializer.Serialize(HostJson()));
        await File.WriteAllTextAsync(Path.Combine(app, "local.settings.json"), JsonSerializer.Serialize(new
        {
            IsEncrypted = false,
            Values = new Dictionary<string, string>
            {
                ["AzureWebJobsStorage"] = "Data Source=" + Path.Combine(app, "store.db"),
                ["Auth__DevSigningKey"] = CaseTestApp.DevSigningKey,
                ["Payments__BankBaseUrl"] = bank.BaseUrl.AbsoluteUri,
                ["Payments__ClientKey"] = ChaosBank.ClientKey,
                // The bank hangs 2 s on the submissions it plays a timeout on: the app gives up after 1 s.
                ["Payments__Timeout"] = "00:00:01",
                ["Payouts__SubmissionLease"] = "00:00:03",
                ["Cases__SettlementPollInterval"] = "00:00:02",
                ["Cases__PaymentRetryDelay"] = "00:00:00.500",
                ["Cases__ReturnWatch"] = "00:00:00",
                ["Cases__ConfirmationWindow"] = "00:00:03",
                ["Chaos__DuplicateShare"] = scenario.DuplicateShare.ToString(CultureInfo.InvariantCulture),
                ["Chaos__Seed"] = scenario.Seed.ToString(CultureInfo.InvariantCulture),
                ["Chaos__DurableMessageVisibility"] = "00:00:10",
                ["Chaos__ClockOffset"] = clock.Offset.ToString("c", CultureInfo.InvariantCulture),
            },
        }));

        var builder = FunctionsApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = app, EnvironmentName = "Development" });
        builder.Logging.ClearProviders();
        builder.AddFunctionsHost(AppFunctions.Declare);
        builder.AddApplicationServices();
        builder.Services.AddSingleton<TimeProvider>(clock);
        var control = builder.Build();
        await control.OpenFunctionsStorageAsync();
        return new ChaosCluster(root, bank, control, workers);
    }

    /// <summary>Generates the population (seeded) and imports it into the shared registry.</summary>
    public async Task<long> ImportAsync(ChaosScenario scenario, BusinessDate today)
    {
        var options = new PopulationOptions
        {
            Seed = scenario.Seed,
            Residents = scenario.Residents,
            Enterprises = scenario.Enterprises,
            ReferenceDate = today.Date,
        };
        var file = Path.Combine(Root, "population.ndjson");
        await using (var output = File.Create(file))
        {
            await PopulationWriter.WriteNdjsonAsync(PopulationGenerator.Generate(options), output);
            await PopulationWriter.WriteExtractsNdjsonAsync(PopulationGenerator.Extracts(options), output);
        }

        await using var input = File.OpenRead(file);
        var result = await _control.Services.GetRequiredService<SubjectImporter>().RunAsync("chaos", input, ImportFormat.Ndjson);
        return result.Accepted;
    }

    /// <summary>Publishes the twelve sample policies; each announcement starts its run on whichever worker takes it.</summary>
    public Task PublishSamplesAsync() => _control.Services.GetRequiredService<PolicyLifecycle>().PublishSamplesAsync(PolicyActor.System);

    /// <summary>Every orchestration instance whose id starts with <paramref name="prefix"/>.</summary>
    public async Task<List<OrchestrationMetadata>> QueryAsync(string prefix)
    {
        var all = new List<OrchestrationMetadata>();
        await foreach (var instance in Durable.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 1000, FetchInputsAndOutputs = true }))
        {
            all.Add(instance);
        }

        return all;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in Workers)
        {
            await worker.DisposeAsync();
        }

        await _control.DisposeAsync();
        await Bank.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file may still be held briefly; temporary files are harmless.
        }
    }

    private static object HostJson() => new
    {
        version = "2.0",
        functionTimeout = "00:02:00",
        logging = new { logLevel = new { @default = "Warning" } },
        extensions = new
        {
            http = new { routePrefix = "api" },
            // A killed worker's queue messages come back after 10 s, not 10 minutes.
            queues = new { batchSize = 16, maxPollingInterval = "00:00:01", visibilityTimeout = "00:00:00", runningVisibilityTimeout = "00:00:10", maxDequeueCount = 5 },
            durableTask = new { hubName = "Chaos", storageProvider = new { partitionCount = 4 }, maxConcurrentActivityFunctions = 16, maxConcurrentOrchestratorFunctions = 16 },
        },
    };
}
