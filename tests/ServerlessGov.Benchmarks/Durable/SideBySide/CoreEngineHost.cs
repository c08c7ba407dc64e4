using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessGov.Benchmarks.Storage;
using ServerlessGov.Testing.Azurite;

namespace ServerlessGov.Benchmarks.Durable.SideBySide;

/// <summary>
/// Durable Functions' engine: DurableTask.Core's <see cref="TaskHubWorker"/> on DurableTask.AzureStorage, on the
/// shared Azurite, running the same <c>Microsoft.DurableTask</c> registry through the SDK's public shims (as the
/// differential suite does), with the backend's defaults (four partitions, extended sessions off) and the queue
/// polling capped at one second like the embedded engine's. Every HTTP request of its blob, queue and table clients is counted.
/// </summary>
internal sealed class CoreEngineHost : HelloCities5Host
{
    private readonly AzureStorageOrchestrationService _service;
    private readonly TaskHubWorker _worker;
    private readonly TaskHubClient _client;
    private readonly HttpRequestCounter _http;

    private CoreEngineHost(AzureStorageOrchestrationService service, TaskHubWorker worker, TaskHubClient client, HttpRequestCounter http, int azuriteProcessId)
    {
        _service = service;
        _worker = worker;
        _client = client;
        _http = http;
        AzuriteProcessId = azuriteProcessId;
    }

    public override long? StorageRequests => _http.Requests;

    public override int? AzuriteProcessId { get; }

    public static async Task<HelloCities5Host> StartAsync()
    {
        var server = await AzuriteServer.GetAsync();
        var http = new HttpRequestCounter();
        var connection = server.ConnectionStringWithBlobs;
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connection, Counting(new BlobClientOptions(), http)),
                StorageServiceClientProvider.ForQueue(connection, Counting(new QueueClientOptions(), http)),
                StorageServiceClientProvider.ForTable(connection, Counting(new TableClientOptions(), http))),
            TaskHubName = "CoreBench" + Guid.NewGuid().ToString("N")[..12],
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
            LoggerFactory = NullLoggerFactory.Instance,
        };
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();

        var registry = new DurableTaskRegistry();
        Register(registry);
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), NullLoggerFactory.Instance);
        var services = new ServiceCollection().BuildServiceProvider();
        var worker = new TaskHubWorker(service, NullLoggerFactory.Instance) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        worker.AddTaskOrchestrations([.. registry.GetOrchestrators().Select(o =>
            new ShimCreator<TaskOrchestration>(o.Key.Name, () => shims.CreateOrchestration(o.Key, o.Value(services))))]);
        worker.AddTaskActivities([.. registry.GetActivities().Select(a =>
            new ShimCreator<TaskActivity>(a.Key.Name, () => shims.CreateActivity(a.Key, a.Value(services))))]);
        await worker.StartAsync();
        return new CoreEngineHost(service, worker, new TaskHubClient(service, null, NullLoggerFactory.Instance), http, server.ProcessId);
    }

    public override void ResetCounters() => _http.Reset();

    public override async Task<string> StartAsync(CancellationToken cancellationToken) =>
        (await _client.CreateOrchestrationInstanceAsync(Orchestrator, string.Empty, (object?)null)).InstanceId;

    /// <summary>Polls the instance's status row, backing off from 20 ms to 500 ms as the embedded engine's client does.</summary>
    public override async Task<(string Status, string? Output)> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            if (await _client.GetOrchestrationStateAsync(instanceId) is { } state
                && state.OrchestrationStatus is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled)
            {
                return (state.OrchestrationStatus.ToString(), state.Output is null ? null : System.Text.Json.JsonSerializer.Deserialize<string>(state.Output));
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _worker.StopAsync(isForced: true);
        await _service.DeleteAsync();
    }

    private static T Counting<T>(T options, HttpRequestCounter counter)
        where T : ClientOptions
    {
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        return options;
    }

    /// <summary>Hands DurableTask.Core a fresh shim per orchestration execution or activity call.</summary>
    private sealed class ShimCreator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public ShimCreator(string name, Func<T> create)
        {
            Name = name;
            Version = string.Empty;
            _create = create;
        }

        public override T Create() => _create();
    }
}
