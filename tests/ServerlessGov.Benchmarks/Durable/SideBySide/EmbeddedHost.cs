using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Benchmarks.Storage;
using ServerlessGov.Durable;
using ServerlessGov.Storage.Azure;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Sqlite;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Azurite;

namespace ServerlessGov.Benchmarks.Durable.SideBySide;

/// <summary>The embedded engine behind the SDK's types, on SQLite or on Azurite, with the options its other benchmarks use.</summary>
internal sealed class EmbeddedHost : HelloCities5Host
{
    private readonly ServiceProvider _services;
    private readonly DurableTaskWorker _worker;
    private readonly DurableTaskClient _client;
    private readonly HttpRequestCounter? _http;
    private readonly Func<ValueTask> _dropStorage;

    private EmbeddedHost(ServiceProvider services, HttpRequestCounter? http, int? azuriteProcessId, Func<ValueTask> dropStorage)
    {
        _services = services;
        _worker = services.GetRequiredService<DurableTaskWorker>();
        _client = services.GetRequiredService<DurableTaskClient>();
        _http = http;
        AzuriteProcessId = azuriteProcessId;
        _dropStorage = dropStorage;
    }

    public override long? StorageRequests => _http?.Requests;

    public override int? AzuriteProcessId { get; }

    /// <summary>On SQLite in a temporary folder; one write transaction per episode, 32 orchestrations and 64 activities at once.</summary>
    public static async Task<HelloCities5Host> OnSqliteAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "serverlessgov-bench", Guid.NewGuid().ToString("N"));
        var storage = new SqliteStorage(new SqliteStorageOptions { Path = Path.Combine(directory, "bench.db") });
        var services = Build(storage, storage, NewHubName(), options =>
        {
            options.MinPollingInterval = TimeSpan.FromMilliseconds(10);
            options.MaxPollingInterval = TimeSpan.FromMilliseconds(500);
            options.MaxConcurrentOrchestrations = 32;
            options.MaxConcurrentActivities = 64;
        });
        var host = new EmbeddedHost(services, null, null, async () =>
        {
            await storage.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        });
        await host._worker.StartAsync(CancellationToken.None);
        return host;
    }

    /// <summary>On the shared Azurite through the Azure adapter, counting its HTTP requests; the engine's default concurrency.</summary>
    public static async Task<HelloCities5Host> OnAzuriteAsync()
    {
        var server = await AzuriteServer.GetAsync();
        var http = new HttpRequestCounter();
        var storage = await AzureStorage.CreateAsync(AzureStorageSettings.FromConnectionString(server.ConnectionString), AzureAdapterOptions.CountingRequests(http));
        var hub = NewHubName();
        var services = Build(storage, storage, hub, options =>
        {
            options.MinPollingInterval = TimeSpan.FromMilliseconds(50);
            options.MaxPollingInterval = TimeSpan.FromSeconds(1);
        });
        var host = new EmbeddedHost(services, http, server.ProcessId, () => AzuriteHub.DeleteAsync(server, hub));
        await host._worker.StartAsync(CancellationToken.None);
        return host;
    }

    public override void ResetCounters() => _http?.Reset();

    public override Task<string> StartAsync(CancellationToken cancellationToken) =>
        _client.ScheduleNewOrchestrationInstanceAsync(Orchestrator, null, null, cancellationToken);

    public override async Task<(string Status, string? Output)> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken)
    {
        var done = await _client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return (done.RuntimeStatus.ToString(), done.ReadOutputAs<string>());
    }

    public override async ValueTask DisposeAsync()
    {
        await _worker.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        await _dropStorage();
    }

    private static string NewHubName() => "bench" + Guid.NewGuid().ToString("N")[..8];

    private static ServiceProvider Build(ITableStore tables, IQueueStore queues, string hubName, Action<DurableTaskOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton(tables);
        services.AddSingleton(queues);
        services.AddDurableTask(Register, options =>
        {
            options.HubName = hubName;
            configure(options);
        });
        return services.BuildServiceProvider();
    }
}
