using System.Globalization;
using ServerlessGov.Durable.History;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Storage.Transactions;

namespace ServerlessGov.Durable.Engine;

/// <summary>The client over the storage ports: reads instance rows directly and sends control messages for everything that changes an instance.</summary>
internal sealed class StorageDurableTaskClient(DurableStore store) : DurableTaskClient
{
    private static readonly OrchestrationRuntimeStatus[] TerminalStatuses =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null,
        StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ValidateInstanceId(instanceId);
        await store.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var serializedInput = store.Converter.Serialize(input);
        var existing = await store.GetRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var dedupe = options?.DedupeStatuses ?? store.Options.DedupeStatuses;
        if (existing is not null && (!existing.IsTerminal || dedupe.Contains(existing.Status)))
        {
            return instanceId;
        }

        var now = store.Time.GetUtcNow();
        var executionId = Guid.NewGuid().ToString("N");
        var startAt = options?.StartAt is { } at && at > now ? at : (DateTimeOffset?)null;
        var start = new ExecutionStartedEvent(orchestratorName, serializedInput, executionId)
        {
            Timestamp = now,
            StartAt = startAt,
            ReplacesExecutionId = existing?.ExecutionId,
        };

        var message = new OutboxEntry(false, startAt, new DurableMessage(Guid.NewGuid().ToString("N"), instanceId, executionId, start));
        var row = new InstanceRow
        {
            InstanceId = instanceId,
            Name = orchestratorName,
            ExecutionId = executionId,
            Status = OrchestrationRuntimeStatus.Pending,
            Input = serializedInput,
            CreatedAt = now,
            LastUpdatedAt = now,
            StartAt = startAt,
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
            // A worker already created it from the message, or a concurrent start won: either way one instance exists.
        }

        return instanceId;
    }

    public override async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        await store.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var row = await store.GetRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return row?.ToMetadata(store.Converter);
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var instance = await GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("There is no orchestration instance with that id.");
            if (instance.IsCompleted)
            {
                return instance;
            }

            var seen = store.OrchestrationWork.Version;
            await store.OrchestrationWork.WaitAsync(seen, delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var id = Guid.NewGuid().ToString("N");
        return SendControlAsync(instanceId, new EventRaisedEvent(eventName, store.Converter.Serialize(eventPayload), id), id, cancellationToken);
    }

    public override Task TerminateInstanceAsync(string instanceId, object? reason = null, CancellationToken cancellationToken = default) =>
        SendControlAsync(instanceId, new ExecutionTerminatedEvent(store.Converter.Serialize(reason)), null, cancellationToken);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendControlAsync(instanceId, new ExecutionSuspendedEvent(reason), null, cancellationToken);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendControlAsync(instanceId, new ExecutionResumedEvent(reason), null, cancellationToken);

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        await store.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<TableEntity>();
        await foreach (var entity in store.Instances.QueryAllAsync(TableQuery.InPartition(instanceId), cancellationToken).ConfigureAwait(false))
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
            await store.Instances.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (ex.Kind is StorageErrorKind.PreconditionFailed or StorageErrorKind.NotFound)
        {
            return new PurgeResult(0);
        }

        await store.DeleteRowsAsync(rows.Where(r => r.RowKey != InstanceRow.RowKey).Skip(first.Count).ToList(), cancellationToken).ConfigureAwait(false);
        return new PurgeResult(1);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = filter.Statuses is { Count: > 0 } chosen ? chosen.Where(TerminalStatuses.Contains).ToArray() : TerminalStatuses;
        var purged = 0;
        string? token = null;
        do
        {
            var page = await QueryInstancesAsync(new OrchestrationQuery(statuses, filter.CreatedFrom, filter.CreatedTo, null, 1000, token), cancellationToken)
                .ConfigureAwait(false);
            foreach (var instance in page.Instances)
            {
                purged += (await PurgeInstanceAsync(instance.InstanceId, cancellationToken).ConfigureAwait(false)).PurgedInstanceCount;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return new PurgeResult(purged);
    }

    public override async Task<OrchestrationQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, TableQuery.MaxPageSize);
        await store.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableFilter.Equal(TableFilterNames.RowKey, InstanceRow.RowKey);
        if (query.Statuses is { Count: > 0 } statuses)
        {
            var any = statuses.Select(s => TableFilter.Equal("Status", s.ToString())).Aggregate(TableFilter.Or);
            filter &= any;
        }

        if (query.CreatedFrom is { } from)
        {
            filter &= TableFilter.GreaterThanOrEqual("CreatedAt", from);
        }

        if (query.CreatedTo is { } to)
        {
            filter &= TableFilter.LessThan("CreatedAt", to);
        }

        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            filter &= TableFilter.GreaterThanOrEqual(TableFilterNames.PartitionKey, query.InstanceIdPrefix)
                & TableFilter.LessThan(TableFilterNames.PartitionKey, query.InstanceIdPrefix + '\uffff');
        }

        var page = await store.Instances.QueryAsync(new TableQuery(filter, query.PageSize, query.ContinuationToken), cancellationToken).ConfigureAwait(false);
        return new OrchestrationQueryPage(page.Items.Select(e => InstanceRow.FromEntity(e).ToMetadata(store.Converter)).ToList(), page.ContinuationToken);
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
