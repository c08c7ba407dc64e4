using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using CoreStatus = DurableTask.Core.OrchestrationStatus;
using SdkQuery = Microsoft.DurableTask.Client.OrchestrationQuery;

namespace ServerlessGov.Durable.AzureStorage;

/// <summary>
/// The SDK's <see cref="DurableTaskClient"/> over DurableTask.Core's <see cref="TaskHubClient"/> and the Azure Storage
/// service's query and purge clients, so code outside a function (a service the worker creates from its container) can
/// reach the task hub Durable Functions keeps in Azure Storage, where the isolated worker offers a client only as a
/// <c>[DurableClient]</c> binding (Azure/azure-functions-durable-extension#2698). Each call maps one to one, as the
/// Durable Task sidecar's gRPC server maps the SDK's gRPC client (starts with dedupe statuses, waits by polling the
/// instance's state). Inputs and event payloads are written with <paramref name="converter"/>: the worker's own.
/// </summary>
public sealed class AzureStorageDurableTaskClient(string hubName, AzureStorageOrchestrationService service, Microsoft.DurableTask.DataConverter converter, ILoggerFactory? loggerFactory = null)
    : DurableTaskClient(hubName)
{
    private readonly TaskHubClient _client = new(service, new CoreDataConverter(converter), loggerFactory);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null,
        StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var dedupe = options?.DedupeStatuses?.Select(Enum.Parse<CoreStatus>).ToArray();
        var instance = options?.StartAt is { } startAt
            ? await _client.CreateOrchestrationInstanceAsync(orchestratorName.Name, string.Empty, instanceId, input, null, dedupe, startAt.UtcDateTime)
            : await _client.CreateOrchestrationInstanceAsync(orchestratorName.Name, string.Empty, instanceId, input, null, dedupe);
        return instance.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        _client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, eventPayload!);

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) =>
        _client.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, converter.Serialize(options?.Output)!);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        _client.SuspendInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        _client.ResumeInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason);

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        if (await _client.GetOrchestrationStateAsync(instanceId) is not { } state)
        {
            return null;
        }

        // DurableTask.AzureStorage keeps only a failure's summary on the instance row (as its output); the details
        // (type, message, stack, inner failure) are in the execution's ExecutionCompleted history event.
        if (state.OrchestrationStatus == CoreStatus.Failed && state.FailureDetails is null)
        {
            state.FailureDetails = await FailureFromHistoryAsync(state.OrchestrationInstance);
        }

        return ToMetadata(state, getInputsAndOutputs);
    }

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        PollAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(SdkQuery? filter = null) =>
        Pageable.Create<OrchestrationMetadata>(async (token, pageSize, cancellation) =>
        {
            var query = new CoreQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(s => (CoreStatus)(int)s).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                PageSize = pageSize ?? filter?.PageSize ?? SdkQuery.DefaultPageSize,
                ContinuationToken = token ?? filter?.ContinuationToken,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await service.GetOrchestrationWithQueryAsync(query, cancellation);
            return new Page<OrchestrationMetadata>([.. result.OrchestrationState.Select(s => ToMetadata(s, query.FetchInputsAndOutputs))], result.ContinuationToken);
        });

    public override async Task<Microsoft.DurableTask.Client.PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) =>
        new((await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(instanceId)).DeletedInstanceCount);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<OrchestrationMetadata> PollAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        while (true)
        {
            if (await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation) is { } instance && done(instance))
            {
                return instance;
            }

            await Task.Delay(PollInterval, cancellation);
        }
    }

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool withPayloads) => new(state.Name, state.OrchestrationInstance.InstanceId)
    {
        RuntimeStatus = (OrchestrationRuntimeStatus)(int)state.OrchestrationStatus,
        CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
        LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
        SerializedInput = withPayloads ? state.Input : null,
        SerializedOutput = withPayloads ? state.Output : null,
        SerializedCustomStatus = withPayloads ? state.Status : null,
        FailureDetails = ToDetails(state.FailureDetails),
        DataConverter = withPayloads ? converter : null,
    };

    private async Task<FailureDetails?> FailureFromHistoryAsync(OrchestrationInstance instance)
    {
        var history = JArray.Parse(await _client.GetOrchestrationHistoryAsync(instance));
        var completed = history.Children<JObject>().LastOrDefault(e => e["FailureDetails"] is JObject);
        return completed?["FailureDetails"]?.ToObject<FailureDetails>();
    }

    private static TaskFailureDetails? ToDetails(FailureDetails? details) => details is null
        ? null
        : new(details.ErrorType, details.ErrorMessage, details.StackTrace, ToDetails(details.InnerFailure), details.Properties);
}
