using System.Globalization;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;
using ServerlessGov.Durable.History;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Storage.Transactions;

namespace ServerlessGov.Durable.Engine;

/// <summary>
/// The embedded engine's <see cref="DurableTaskClient"/> over the storage ports: reads instance rows directly and
/// sends control messages for everything that changes an instance.
/// </summary>
internal sealed class StorageDurableTaskClient(DurableStore store) : DurableTaskClient(store.Options.HubName)
{
    private static readonly InstanceStatus[] TerminalStatuses = [InstanceStatus.Completed, InstanceStatus.Failed, InstanceStatus.Terminated];

    public override DurableEntityClient Entities =>
        throw new NotSupportedException("Durable entities are not supported by the embedded ServerlessGov engine.");

    /// <summary>
    /// Starts an instance. An existing live instance (Pending, Running, Suspended, ContinuedAsNew) is never replaced;
    /// a terminal one is replaced unless its status is in <see cref="StartOrchestrationOptions.DedupeStatuses"/>. In
    /// both refusals the start throws <see cref="OrchestrationAlreadyExistsException"/>, as the SDK's client does.
    /// </summary>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null,
        StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName.Name, nameof(orchestratorName));
        var dedupe = options?.DedupeStatuses?.Select(ParseDedupeStatus).OfType<InstanceStatus>().ToHashSet() ?? [];
        return await StartAsync(orchestratorName.Name, store.Converter.Serialize(input), options?.InstanceId ?? Guid.NewGuid().ToString("N"),
            options?.StartAt, dedupe, cancellation).ConfigureAwait(false);
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        await store.EnsureCreatedAsync(cancellation).ConfigureAwait(false);
        var row = await store.GetRowAsync(instanceId, cancellation).ConfigureAwait(false);
        return row?.ToMetadata(store.Converter, getInputsAndOutputs);
    }

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitForAsync(instanceId, getInputsAndOutputs, i => i.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitForAsync(instanceId, getInputsAndOutputs, i => i.IsCompleted, cancellation);

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var id = Guid.NewGuid().ToString("N");
        return SendControlAsync(instanceId, new EventRaisedEvent(eventName, store.Converter.Serialize(eventPayload), id), id, cancellation);
    }

    /// <summary>Ends a live instance as Terminated with the options' output; its sub-orchestrations are left running (<see cref="TerminateInstanceOptions.Recursive"/> is not supported).</summary>
    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        if (options?.Recursive == true)
        {
            throw new NotSupportedException("The embedded engine does not terminate sub-orchestrations with their parent; terminate each instance.");
        }

        return SendControlAsync(instanceId, new ExecutionTerminatedEvent(store.Converter.Serialize(options?.Output)), null, cancellation);
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendControlAsync(instanceId, new ExecutionSuspendedEvent(reason), null, cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendControlAsync(instanceId, new ExecutionResumedEvent(reason), null, cancellation);

    /// <summary>Starts a finished instance again with its original input, under its own id or a new one.</summary>
    /// <exception cref="ArgumentException">There is no such instance.</exception>
    /// <exception cref="InvalidOperationException">The instance is still live and would be restarted under its own id.</exception>
    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        await store.EnsureCreatedAsync(cancellation).ConfigureAwait(false);
        var row = await store.GetRowAsync(instanceId, cancellation).ConfigureAwait(false)
            ?? throw new ArgumentException($"An orchestration with the instanceId {instanceId} was not found.", nameof(instanceId));
        if (!restartWithNewInstanceId && !row.IsTerminal)
        {
            throw new InvalidOperationException($"Instance '{instanceId}' is {row.Status}; only a finished instance restarts under its own id.");
        }

        return await StartAsync(row.Name, row.Input, restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId, null, [], cancellation)
            .ConfigureAwait(false);
    }

    /// <summary>Deletes a terminal instance and its history; a live or unknown instance is left alone (count 0). Sub-orchestrations are not purged with it.</summary>
    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        RefuseRecursive(options);
        await store.EnsureCreatedAsync(cancellation).ConfigureAwait(false);
        var rows = new List<TableEntity>();
        await foreach (var entity in store.Instances.QueryAllAsync(TableQuery.InPartition(instanceId), cancellation).ConfigureAwait(false))
        {
            rows.Add(entity);
        }

        var instanceRow = rows.FirstOrDefault(r => r.RowKey == InstanceRow.RowKey);
        if (instanceRow is null || !InstanceRow.FromEntity(instanceRow).IsTerminal)
        {
            return new PurgeResult(0);
        }

        // The status row goes first, conditionally, in the same batch as the first rows: once it is gone the instance
        // is gone for every reader, and leftovers of a crash here are never read again (their execution id is dead).
        var first = rows.Where(r => r.RowKey != InstanceRow.RowKey).Take(TableRules.MaxBatchOperations - 1).ToList();
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Delete, instanceRow, instanceRow.ETag) };
        actions.AddRange(first.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)));
        try
        {
            await store.Instances.SubmitTransactionAsync(actions, cancellation).ConfigureAwait(false);
        }
        catch (StorageException ex) when (ex.Kind is StorageErrorKind.PreconditionFailed or StorageErrorKind.NotFound)
        {
            return new PurgeResult(0);
        }

        await store.DeleteRowsAsync(rows.Where(r => r.RowKey != InstanceRow.RowKey).Skip(first.Count).ToList(), cancellation).ConfigureAwait(false);
        return new PurgeResult(1);
    }

    /// <summary>Deletes every terminal instance the filter matches (live statuses in the filter are ignored).</summary>
    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        RefuseRecursive(options);
        var statuses = filter.Statuses?.Select(InstanceStatuses.FromRuntimeStatus).OfType<InstanceStatus>().Where(TerminalStatuses.Contains).ToList()
            ?? [.. TerminalStatuses];
        var purged = 0;
        if (statuses.Count == 0)
        {
            return new PurgeResult(0, isComplete: true);
        }

        string? token = null;
        do
        {
            var page = await QueryPageAsync(statuses, filter.CreatedFrom, filter.CreatedTo, null, TableQuery.MaxPageSize, false, token, cancellation).ConfigureAwait(false);
            foreach (var instance in page.Values)
            {
                purged += (await PurgeInstanceAsync(instance.InstanceId, null, cancellation).ConfigureAwait(false)).PurgedInstanceCount;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return new PurgeResult(purged, isComplete: true);
    }

    /// <summary>The instances the filter matches, one storage page at a time (the filter's page size, at most 1,000).</summary>
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null)
    {
        filter ??= new OrchestrationQuery();
        var statuses = filter.Statuses?.ToList() is { Count: > 0 } named
            ? named.Select(InstanceStatuses.FromRuntimeStatus).OfType<InstanceStatus>().ToList()
            : null;
        return Pageable.Create<OrchestrationMetadata>(async (token, pageSize, cancellation) =>
        {
            if (statuses is { Count: 0 })
            {
                return new Page<OrchestrationMetadata>([], null);
            }

            var size = Math.Clamp(pageSize ?? filter.PageSize, 1, TableQuery.MaxPageSize);
            return await QueryPageAsync(statuses, filter.CreatedFrom, filter.CreatedTo, filter.InstanceIdPrefix, size, filter.FetchInputsAndOutputs,
                token ?? filter.ContinuationToken, cancellation).ConfigureAwait(false);
        });
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static void RefuseRecursive(PurgeInstanceOptions? options)
    {
        if (options?.Recursive == true)
        {
            throw new NotSupportedException("The embedded engine does not purge sub-orchestrations with their parent; purge each instance.");
        }
    }

    /// <summary>The stored status a dedupe entry names; null for Canceled, which this engine never records.</summary>
    private static InstanceStatus? ParseDedupeStatus(string status) =>
        Enum.TryParse<OrchestrationRuntimeStatus>(status, ignoreCase: true, out var parsed)
            ? InstanceStatuses.FromRuntimeStatus(parsed)
            : throw new ArgumentException($"Invalid orchestration runtime status: '{status}' for deduplication.");

    private async Task<string> StartAsync(string orchestratorName, string? serializedInput, string instanceId, DateTimeOffset? startAt,
        HashSet<InstanceStatus> dedupe, CancellationToken cancellationToken)
    {
        ValidateInstanceId(instanceId);
        await store.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var existing = await store.GetRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (existing is not null && (!existing.IsTerminal || dedupe.Contains(existing.Status)))
        {
            throw AlreadyExists(existing.Status);
        }

        var now = store.Time.GetUtcNow();
        var executionId = Guid.NewGuid().ToString("N");
        var deferredTo = startAt is { } at && at > now ? at : (DateTimeOffset?)null;
        var start = new ExecutionStartedEvent(orchestratorName, serializedInput, executionId)
        {
            Timestamp = now,
            StartAt = deferredTo,
            ReplacesExecutionId = existing?.ExecutionId,
        };

        var message = new OutboxEntry(false, deferredTo, new DurableMessage(Guid.NewGuid().ToString("N"), instanceId, executionId, start));
        var row = new InstanceRow
        {
            InstanceId = instanceId,
            Name = orchestratorName,
            ExecutionId = executionId,
            Status = InstanceStatus.Pending,
            Input = serializedInput,
            CreatedAt = now,
            LastUpdatedAt = now,
            StartAt = deferredTo,
        };
        try
        {
            if (store.Transactions is { } transactions)
            {
                var write = existing is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, row.ToEntity())
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row.ToEntity(), existing.ETag);
                // Row and start message in one transaction: a worker never sees the message before the row, so its
                // first episode never collides with this write and the orchestrator's first steps run once.
                await transactions.CommitAsync(new TransactionalCommit(store.Instances, [write], [store.ToQueueSend(message)], []), cancellationToken)
                    .ConfigureAwait(false);
                store.Signal([message]);
                return instanceId;
            }

            // Without a transaction the start message goes first: if this process dies before the row is written,
            // the worker creates the instance from the message, so a start is never left half-done. A worker that
            // races ahead of the row write loses its commit and runs the episode again.
            await store.SendAsync(message, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                await store.Instances.AddAsync(row.ToEntity(), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await store.Instances.UpdateAsync(row.ToEntity(), existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (StorageException ex) when (ex.Kind is StorageErrorKind.AlreadyExists or StorageErrorKind.PreconditionFailed)
        {
            // Either a worker created the instance from this start's own message (the start happened), or a
            // concurrent start won the row: then there is still exactly one instance, and it is not this start's.
            var winner = await store.GetRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (winner is null || winner.ExecutionId != executionId)
            {
                throw AlreadyExists(winner?.Status ?? InstanceStatus.Pending);
            }
        }

        return instanceId;
    }

    private static OrchestrationAlreadyExistsException AlreadyExists(InstanceStatus status) =>
        new($"An Orchestration instance with the status {status} already exists.");

    private async Task<OrchestrationMetadata> WaitForAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var instance = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"There is no orchestration instance with id '{instanceId}'.");
            if (done(instance))
            {
                return instance;
            }

            var seen = store.OrchestrationWork.Version;
            await store.OrchestrationWork.WaitAsync(seen, delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    private async Task<Page<OrchestrationMetadata>> QueryPageAsync(IReadOnlyCollection<InstanceStatus>? statuses, DateTimeOffset? createdFrom,
        DateTimeOffset? createdTo, string? instanceIdPrefix, int pageSize, bool withPayloads, string? continuationToken, CancellationToken cancellationToken)
    {
        await store.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableFilter.Equal(TableFilterNames.RowKey, InstanceRow.RowKey);
        if (statuses is { Count: > 0 })
        {
            filter &= statuses.Select(s => TableFilter.Equal("Status", s.ToString())).Aggregate(TableFilter.Or);
        }

        if (createdFrom is { } from)
        {
            filter &= TableFilter.GreaterThanOrEqual("CreatedAt", from);
        }

        if (createdTo is { } to)
        {
            filter &= TableFilter.LessThan("CreatedAt", to);
        }

        if (!string.IsNullOrEmpty(instanceIdPrefix))
        {
            filter &= TableFilter.GreaterThanOrEqual(TableFilterNames.PartitionKey, instanceIdPrefix)
                & TableFilter.LessThan(TableFilterNames.PartitionKey, instanceIdPrefix + '\uffff');
        }

        var page = await store.Instances.QueryAsync(new TableQuery(filter, pageSize, continuationToken), cancellationToken).ConfigureAwait(false);
        return new Page<OrchestrationMetadata>([.. page.Items.Select(e => InstanceRow.FromEntity(e).ToMetadata(store.Converter, withPayloads))], page.ContinuationToken);
    }

    private async Task SendControlAsync(string instanceId, HistoryEvent historyEvent, string? messageId, CancellationToken cancellationToken)
    {
        ValidateInstanceId(instanceId);
        await store.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var message = new DurableMessage(messageId ?? Guid.NewGuid().ToString("N"), instanceId, null, historyEvent with { Timestamp = store.Time.GetUtcNow() });
        await store.SendAsync(new OutboxEntry(false, null, message), cancellationToken).ConfigureAwait(false);
    }

    private static void ValidateInstanceId(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        try
        {
            TableRules.ValidateKey(instanceId, "instanceId");
        }
        catch (StorageException ex)
        {
            throw new ArgumentException(ex.Message, nameof(instanceId), ex);
        }

        if (instanceId.Length > 256)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"An instance id is at most 256 characters; this one has {instanceId.Length}."), nameof(instanceId));
        }
    }
}
