using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.DurableTask.Client;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Functions.Commands;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects.Import;
using ServerlessGov.Population;

namespace ServerlessGov.Functions.Cases.MainJob;

/// <summary>
/// The main job: on SQLite in its own folder, generates a population, imports it, publishes the twelve sample
/// policies and lets the real engine, queues and in-process sandbox bank pay, with a live progress bar and a summary.
/// </summary>
public static class MainJobRunner
{
    /// <summary>The configuration keys the <c>demo</c> verb's settings are handed over in.</summary>
    public const string FolderSetting = "MainJob:Folder";

    /// <summary>The loopback port the job's app listens on (its sandbox bank and callbacks are there).</summary>
    public const string PortSetting = "MainJob:Port";

    private static readonly TimeSpan SnapshotInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Adds the settings the job runs with above every other source, before the app is built: its own store in a fresh
    /// folder under <c>.data/</c> (or <c>--folder</c>), keys for this run only, the app's own sandbox bank (on, with
    /// its address, credential and callback the app's own) on a free loopback port, and short sandbox timings (a
    /// confirmation not answered in 5 s follows the policy's rule, settlement after 1 s) so the whole flow completes
    /// within the run. Outside the Development environment it adds nothing: the job refuses to run there.
    /// </summary>
    public static WebApplicationBuilder UseMainJobSettings(this WebApplicationBuilder builder, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(arguments);
        if (!builder.Environment.IsDevelopment())
        {
            return builder;
        }

        var configuration = builder.Configuration;
        var options = CommandOptions.Parse(arguments);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var folder = Path.GetFullPath(options.Get("--folder") ?? Path.Combine(builder.Environment.ContentRootPath, ".data", "demo-" + stamp));
        var port = FreeLoopbackPort();
        var root = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/api/");
        var values = new Dictionary<string, string?>
        {
            [FolderSetting] = folder,
            [PortSetting] = port.ToString(CultureInfo.InvariantCulture),
            ["AzureWebJobsStorage"] = "Data Source=" + Path.Combine(folder, "serverlessgov.db"),
            ["SandboxBank:Enabled"] = "true",
            ["Enterprises:EventGrid:TopicEndpoint"] = root + Enterprises.EnterprisesFunctions.ReceiverRoute,
            ["Enterprises:EventGrid:TopicKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Logging:LogLevel:Default"] = options.Has("--verbose") ? "Information" : "Warning",
        };
        AddUnlessSet(configuration, values, "Subjects:PseudonymKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        AddUnlessSet(configuration, values, "Auth:DevSigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        AddUnlessSet(configuration, values, "SandboxBank:SettlementDelay", "00:00:01");
        AddUnlessSet(configuration, values, "Cases:ConfirmationWindow", "00:00:05");
        AddUnlessSet(configuration, values, "Cases:SettlementPollInterval", "00:00:05");
        AddUnlessSet(configuration, values, "Cases:PaymentRetryDelay", "00:00:01");
        AddUnlessSet(configuration, values, "Cases:ReturnWatch", "00:00:00");
        configuration.AddInMemoryCollection(values);
        return builder;
    }

    /// <summary>Runs the job on an app that is built but not started; returns the process exit code.</summary>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static async Task<int> RunAsync(WebApplication app, MainJobOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        Directory.CreateDirectory(options.Folder);
        app.Urls.Clear();
        app.Urls.Add("http://127.0.0.1:" + app.Configuration[PortSetting]);
        var clock = Stopwatch.StartNew();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await output.WriteLineAsync($"ServerlessGov main job: {options.Residents:N0} residents, {options.Enterprises:N0} enterprises (seed {options.Seed}), store {options.Folder}").ConfigureAwait(false);
            var imported = await ImportAsync(app.Services, options, output, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"Imported {imported:N0} subjects in {clock.Elapsed.TotalSeconds:0.0} s. Publishing the twelve sample policies…").ConfigureAwait(false);
            var payStart = clock.Elapsed;
            await app.Services.GetRequiredService<PolicyLifecycle>().PublishSamplesAsync(PolicyActor.System, cancellationToken).ConfigureAwait(false);
            var residentPolicies = SamplePolicies.Load(DataDictionary.Default).Where(p => p.Target == PolicyTarget.Residents).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            var observer = new MainJobObserver(app.Services.GetRequiredService<DurableTaskClient>(), residentPolicies);
            var bar = new ProgressBar(output);
            var deadline = clock.Elapsed + options.Timeout;
            MainJobSnapshot snapshot;
            while (true)
            {
                var taken = clock.Elapsed;
                snapshot = await observer.TakeAsync(cancellationToken).ConfigureAwait(false);
                await bar.DrawAsync(snapshot, clock.Elapsed - payStart).ConfigureAwait(false);
                if (snapshot.IsSettled || clock.Elapsed > deadline)
                {
                    break;
                }

                // A snapshot reads every instance, which competes with the work it watches: look at most a third of the time.
                var reading = clock.Elapsed - taken;
                await Task.Delay(reading * 2 > SnapshotInterval ? reading * 2 : SnapshotInterval, cancellationToken).ConfigureAwait(false);
            }

            await bar.EndAsync().ConfigureAwait(false);
            var reviewReasons = await observer.ReviewReasonsAsync(cancellationToken).ConfigureAwait(false);
            var conflicts = await app.Services.GetRequiredService<Payouts.PayoutLedger>().ReadAllAsync(cancellationToken)
                .CountAsync(r => r.State == Payouts.PayoutState.Conflict, cancellationToken).ConfigureAwait(false);
            await MainJobSummary.WriteAsync(output, snapshot, reviewReasons, clock.Elapsed, clock.Elapsed - payStart, conflicts).ConfigureAwait(false);
            if (!snapshot.IsSettled)
            {
                await output.WriteLineAsync($"Not every case came to rest within {options.Timeout}; {snapshot.Moving} still moving.").ConfigureAwait(false);
                return 1;
            }

            return snapshot.Failed > 0 ? 1 : 0;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<long> ImportAsync(IServiceProvider services, MainJobOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(Domain.Values.BusinessDate.Today(services.GetRequiredService<TimeProvider>()).Date.ToDateTime(TimeOnly.MinValue));
        var generation = new PopulationOptions { Seed = options.Seed, Residents = options.Residents, Enterprises = options.Enterprises, ReferenceDate = today };
        var file = Path.Combine(options.Folder, "population.ndjson");
        var stream = File.Create(file);
        await using (stream.ConfigureAwait(false))
        {
            await PopulationWriter.WriteNdjsonAsync(PopulationGenerator.Generate(generation), stream, cancellationToken).ConfigureAwait(false);
            await PopulationWriter.WriteExtractsNdjsonAsync(PopulationGenerator.Extracts(generation), stream, cancellationToken).ConfigureAwait(false);
        }

        await output.WriteLineAsync($"Generated the population into {file}; importing…").ConfigureAwait(false);
        var input = File.OpenRead(file);
        await using (input.ConfigureAwait(false))
        {
            var importer = services.GetRequiredService<SubjectImporter>();
            var result = await importer.RunAsync("main-job", input, ImportFormat.Ndjson, cancellationToken: cancellationToken).ConfigureAwait(false);
            return result.Accepted;
        }
    }

    private static void AddUnlessSet(ConfigurationManager configuration, Dictionary<string, string?> values, string key, string value)
    {
        if (string.IsNullOrWhiteSpace(configuration[key]))
        {
            values[key] = value;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
