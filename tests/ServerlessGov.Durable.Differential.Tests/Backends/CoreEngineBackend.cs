using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Durable.AzureStorage;
using ServerlessGov.Testing.Azurite;

namespace ServerlessGov.Durable.Differential.Tests.Backends;

/// <summary>
/// The engine Durable Functions runs in Azure: DurableTask.Core's <see cref="TaskHubWorker"/> on
/// DurableTask.AzureStorage, on the real Azurite, running the registry's <c>Microsoft.DurableTask</c> orchestrators
/// and activities through the SDK's public shims (<see cref="DurableTaskShimFactory"/>), the code that runs them in an
/// isolated Durable Functions worker. Each host gets its own task hub, deleted when it stops.
/// </summary>
public sealed class CoreEngineBackend : DurableBackend
{
    private AzuriteServer _azurite = null!;

    public override string Name => "durabletask-core/azurite";

    public override bool IsRealEngine => true;

    public override async Task InitializeAsync() => _azurite = await AzuriteServer.GetAsync();

    public override async Task<BackendHost> StartAsync(Action<DurableTaskRegistry> registerTasks, ILoggerProvider logs)
    {
        var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(_azurite.ConnectionStringWithBlobs),
            TaskHubName = NewHubName(),
            PartitionCount = 1,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
            // What the SDK's client reports for a start refused by its dedupe statuses (the gRPC client turns the
            // sidecar's AlreadyExists into OrchestrationAlreadyExistsException); the backend's default is silence.
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,
        };
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();

        var registry = new DurableTaskRegistry();
        registerTasks(registry);
        var options = new DurableTaskWorkerOptions { DataConverter = Converters.Web };
        var shims = new DurableTaskShimFactory(options, loggerFactory);
        var services = new ServiceCollection().BuildServiceProvider();
        var worker = new TaskHubWorker(service, loggerFactory) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        worker.AddTaskOrchestrations([.. registry.GetOrchestrators().Select(o =>
            new ShimCreator<TaskOrchestration>(o.Key.Name, () => shims.CreateOrchestration(o.Key, o.Value(services))))]);
        worker.AddTaskActivities([.. registry.GetActivities().Select(a =>
            new ShimCreator<TaskActivity>(a.Key.Name, () => shims.CreateActivity(a.Key, a.Value(services))))]);
        await worker.StartAsync();

        var client = new AzureStorageDurableTaskClient(settings.TaskHubName, service, Converters.Web, loggerFactory);
        return new BackendHost(client, async () =>
        {
            await worker.StopAsync(isForced: true);
            await service.DeleteAsync();
            loggerFactory.Dispose();
        });
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
