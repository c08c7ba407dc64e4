using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask;
using ServerlessGov.Durable.History;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Storage.Transactions;

namespace ServerlessGov.Durable.Engine;

/// <summary>
/// The hub's storage layout on the ports. One table, partition = instance id: the status row <c>i</c>, one history
/// row per episode <c>h-{execution}-{episode}</c> and one outbox row per episode <c>o-{execution}-{episode}</c>, so an
/// episode commits history, status and outgoing messages in one atomic batch of at most three operations.
/// Queues: <c>{hub}-control-NN</c> (by instance-id hash), <c>{hub}-workitems</c> and <c>{hub}-background</c> (the
/// background lane's work items). When the store can commit a table
/// batch with queue sends and deletes in one transaction (<see cref="ITransactionalCommitStore"/>), episodes send
/// their messages in the commit itself and no outbox row is written.
/// </summary>
internal sealed class DurableStore : IDisposable
{
    /// <summary>
    /// How old another worker's outbox row must be before this worker sends it: younger, its writer may be sending
    /// it right now, and sending it too would run its activities twice.
    /// </summary>
    public static readonly TimeSpan OutboxTakeoverAge = TimeSpan.FromSeconds(60);

    private const int CachedInstances = 10_000;
    private const int CachedEvents = 1_000_000;

    private readonly IQueueStore _queues;
    private readonly IQueue[] _control;
    private readonly WorkSignal[] _controlWork;
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private volatile bool _created;

    public DurableStore(ITableStore tables, IQueueStore queues, DurableTaskOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(options);
        var hub = options.Validate();
        Options = options;
        Time = timeProvider ?? TimeProvider.System;
        Converter = options.DataConverter;
        _queues = queues;
        Instances = tables.GetTable(options.HubName + "Instances");
        Transactions = tables is ITransactionalCommitStore transactional && ReferenceEquals(tables, queues) ? transactional : null;
        WorkItems = queues.GetQueue($"{hub}-workitems");
        BackgroundWorkItems = queues.GetQueue($"{hub}-background");
        _control = Enumerable.Range(0, options.PartitionCount)
            .Select(p => queues.GetQueue(string.Create(CultureInfo.InvariantCulture, $"{hub}-control-{p:D2}")))
            .ToArray();
        _controlWork = [.. _control.Select(_ => new WorkSignal())];
    }

    public DurableTaskOptions Options { get; }

    public TimeProvider Time { get; }

    public DataConverter Converter { get; }

    public ITable Instances { get; }

    /// <summary>The store's transactional commit, when it has one and serves both tables and queues.</summary>
    public ITransactionalCommitStore? Transactions { get; }

    /// <summary>Names this worker in the outbox rows it writes, so it can recover its own at once.</summary>
    public string WorkerId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>What this process last committed for active instances.</summary>
    public InstanceCache Cache { get; } = new(CachedInstances, CachedEvents);

    public IQueue WorkItems { get; }

    /// <summary>The background lane's work items (<see cref="DurableLanes.Background"/>).</summary>
    public IQueue BackgroundWorkItems { get; }

    public IReadOnlyList<IQueue> ControlQueues => _control;

    /// <summary>Set when a control message is sent from this process (clients waiting for an instance listen to it).</summary>
    public WorkSignal OrchestrationWork { get; } = new();

    /// <summary>The signal set when a control message is sent from this process to <paramref name="queue"/>, so only its poller wakes.</summary>
    public WorkSignal ControlWorkFor(IQueue queue) => _controlWork[Array.IndexOf(_control, queue)];

    /// <summary>Set when a work item is sent from this process.</summary>
    public WorkSignal ActivityWork { get; } = new();

    /// <summary>Set when a background work item is sent from this process.</summary>
    public WorkSignal BackgroundWork { get; } = new();

    public void Dispose() => _createLock.Dispose();

    public IQueue ControlQueueFor(string instanceId) => _control[PartitionOf(instanceId, _control.Length)];

    public IQueue PoisonQueueFor(IQueue queue) => _queues.GetQueue(queue.Name + "-poison");

    /// <summary>A stable (FNV-1a) hash, so every process maps an instance to the same control queue.</summary>
    public static int PartitionOf(string instanceId, int partitions)
    {
        var hash = 2166136261u;
        foreach (var c in instanceId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)partitions);
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _createLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_created)
            {
                await Instances.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                foreach (var queue in _control.Append(WorkItems).Append(BackgroundWorkItems))
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                    await PoisonQueueFor(queue).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                }

                _created = true;
            }
        }
        finally
        {
            _createLock.Release();
        }
    }

    public static string HistoryRowKey(string executionId, int episode) =>
        string.Create(CultureInfo.InvariantCulture, $"h-{executionId}-{episode:D8}");

    public static string OutboxRowKey(string executionId, int episode) =>
        string.Create(CultureInfo.InvariantCulture, $"o-{executionId}-{episode:D8}");

    public async Task<InstanceRow?> GetRowAsync(string instanceId, CancellationToken cancellationToken)
    {
        var entity = await Instances.GetAsync(instanceId, InstanceRow.RowKey, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : InstanceRow.FromEntity(entity);
    }

    /// <summary>Reads the whole partition in one query (paged).</summary>
    public async Task<InstanceSnapshot> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        InstanceRow? row = null;
        var historyRows = new List<TableEntity>();
        var outbox = new List<PendingOutbox>();
        await foreach (var entity in Instances.QueryAllAsync(TableQuery.InPartition(instanceId), cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == InstanceRow.RowKey)
            {
                row = InstanceRow.FromEntity(entity);
            }
            else if (entity.RowKey.StartsWith("h-", StringComparison.Ordinal))
            {
                historyRows.Add(entity);
            }
            else if (entity.RowKey.StartsWith("o-", StringComparison.Ordinal))
            {
                outbox.Add(new PendingOutbox(entity, ReadOutbox(entity), entity.GetString("Writer"), entity.GetDateTimeOffset("WrittenAt")));
            }
        }

        var history = new List<HistoryEvent>();
        var stale = new List<TableEntity>();
        var prefix = row is null ? null : $"h-{row.ExecutionId}-";
        foreach (var entity in historyRows)
        {
            if (prefix is not null && entity.RowKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                history.AddRange(ReadHistory(entity));
            }
            else
            {
                stale.Add(entity);
            }
        }

        return new InstanceSnapshot(row, history, outbox, stale);
    }

    public static TableEntity HistoryEntity(string instanceId, string executionId, int episode, List<HistoryEvent> events)
    {
        var entity = new TableEntity(instanceId, HistoryRowKey(executionId, episode)) { ["Count"] = events.Count };
        BlobCodec.Write(entity, JsonSerializer.SerializeToUtf8Bytes(events, DurableJsonContext.Default.ListHistoryEvent));
        return entity;
    }

    public TableEntity OutboxEntity(string instanceId, string executionId, int episode, List<OutboxEntry> entries, DateTimeOffset now)
    {
        var entity = new TableEntity(instanceId, OutboxRowKey(executionId, episode))
        {
            ["Count"] = entries.Count,
            ["Writer"] = WorkerId,
            ["WrittenAt"] = now,
        };
        BlobCodec.Write(entity, JsonSerializer.SerializeToUtf8Bytes(entries, DurableJsonContext.Default.ListOutboxEntry));
        return entity;
    }

    private static List<HistoryEvent> ReadHistory(TableEntity entity) =>
        JsonSerializer.Deserialize(BlobCodec.Read(entity), DurableJsonContext.Default.ListHistoryEvent) ?? [];

    private static List<OutboxEntry> ReadOutbox(TableEntity entity) =>
        JsonSerializer.Deserialize(BlobCodec.Read(entity), DurableJsonContext.Default.ListOutboxEntry) ?? [];

    public static BinaryData Encode(DurableMessage message) =>
        new(JsonSerializer.SerializeToUtf8Bytes(message, DurableJsonContext.Default.DurableMessage));

    public static DurableMessage Decode(BinaryData body) =>
        JsonSerializer.Deserialize(body.ToMemory().Span, DurableJsonContext.Default.DurableMessage)
        ?? throw new JsonException("The message body is empty.");

    /// <summary>Sends one message; a delay beyond the queue's 7-day limit is capped (the receiver re-arms it).</summary>
    public async Task SendAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        var send = ToQueueSend(entry);
        await send.Queue.SendAsync(send.Body, send.VisibilityDelay, send.TimeToLive, cancellationToken).ConfigureAwait(false);
        Signal([entry]);
    }

    /// <summary>Where and when an outbox entry goes: its queue, and a delay capped at the queue's 7-day limit.</summary>
    public QueueSend ToQueueSend(OutboxEntry entry)
    {
        var queue = !entry.WorkItem ? ControlQueueFor(entry.Message.InstanceId) : IsBackground(entry) ? BackgroundWorkItems : WorkItems;
        var delay = entry.VisibleAt is { } at ? at - Time.GetUtcNow() : TimeSpan.Zero;
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        if (delay > QueueRules.MaxVisibility)
        {
            delay = QueueRules.MaxVisibility;
        }

        return new QueueSend(queue, Encode(entry.Message), delay, QueueRules.NoExpiry);
    }

    private static bool IsBackground(OutboxEntry entry) => entry.Message.Event is TaskScheduledEvent { Background: true };

    /// <summary>Wakes this process's dispatchers for the entries that are visible at once.</summary>
    public void Signal(IEnumerable<OutboxEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (entry.VisibleAt is null || entry.VisibleAt <= Time.GetUtcNow())
            {
                if (entry.WorkItem)
                {
                    (IsBackground(entry) ? BackgroundWork : ActivityWork).Set();
                }
                else
                {
                    _controlWork[PartitionOf(entry.Message.InstanceId, _control.Length)].Set();
                    OrchestrationWork.Set();
                }
            }
        }
    }

    /// <summary>
    /// Sends messages and deletes received ones: in one transaction when the store can, otherwise sends first and
    /// deletes after (a delete whose message is already gone is fine either way).
    /// </summary>
    public async Task SendAndDeleteAsync(IReadOnlyList<QueueSend> sends, IReadOnlyList<QueueDelete> deletes, CancellationToken cancellationToken)
    {
        if (sends.Count == 0 && deletes.Count == 0)
        {
            return;
        }

        if (Transactions is { } transactions)
        {
            await transactions.CommitAsync(TransactionalCommit.Messages(sends, deletes), cancellationToken).ConfigureAwait(false);
            return;
        }

        await Task.WhenAll(sends.Select(s => s.Queue.SendAsync(s.Body, s.VisibilityDelay, s.TimeToLive, cancellationToken))).ConfigureAwait(false);
        await Task.WhenAll(deletes.Select(d => DeleteMessageAsync(d, cancellationToken))).ConfigureAwait(false);
    }

    private static async Task DeleteMessageAsync(QueueDelete delete, CancellationToken cancellationToken)
    {
        try
        {
            await delete.Queue.DeleteMessageAsync(delete.MessageId, delete.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (ex.Kind == StorageErrorKind.NotFound)
        {
            // Its receipt expired and someone else holds it now; they will find it already applied.
        }
    }

    /// <summary>Deletes rows unconditionally, up to 100 per batch (best effort: callers tolerate leftovers).</summary>
    public async Task DeleteRowsAsync(IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(TableRules.MaxBatchOperations))
        {
            var actions = chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)).ToList();
            try
            {
                await Instances.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException ex) when (ex.Kind == StorageErrorKind.NotFound)
            {
                foreach (var r in chunk)
                {
                    await Instances.DeleteAsync(r.PartitionKey, r.RowKey, null, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
