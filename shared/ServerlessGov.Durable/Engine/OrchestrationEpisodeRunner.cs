using Microsoft.Extensions.Logging;
using ServerlessGov.Durable.History;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Storage.Transactions;

namespace ServerlessGov.Durable.Engine;

/// <summary>
/// Runs one episode of one instance: load the partition (or take what this process last committed), re-send any
/// outbox left by a crash, fold the new messages into history (dropping stale and duplicate ones), replay the
/// orchestrator, and commit history and status in one conditional batch together with the outgoing messages: in the
/// same transaction as the message sends and the deletion of the received messages when the store can
/// (<see cref="ITransactionalCommitStore"/>), otherwise as an outbox row sent and deleted after the commit.
/// </summary>
internal sealed class OrchestrationEpisodeRunner(
    DurableStore store,
    TaskCatalog registry,
    IServiceProvider services,
    ILoggerFactory loggerFactory,
    IEngineFaultInjector faults)
{
    private const int MaxCommitAttempts = 5;
    private static readonly TimeSpan MinimumDeferral = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DeferralStep = TimeSpan.FromSeconds(2);
    private readonly ILogger _logger = loggerFactory.CreateLogger<OrchestrationEpisodeRunner>();

    /// <summary>Runs the episode for <paramref name="messages"/>, received from <paramref name="queue"/> as <paramref name="received"/>.</summary>
    public async Task<(EpisodeOutcome Outcome, TimeSpan RetryAfter)> RunAsync(
        string instanceId, IReadOnlyList<DurableMessage> messages, IQueue queue, IReadOnlyList<QueueMessage> received, CancellationToken cancellationToken)
    {
        // A start may concern another instance using this id, so it is always checked against stored state.
        var mayUseCache = !messages.Any(m => m.Event is ExecutionStartedEvent);
        for (var attempt = 1; attempt <= MaxCommitAttempts; attempt++)
        {
            var cached = mayUseCache ? store.Cache.Take(instanceId) : null;
            mayUseCache = false;
            var snapshot = cached ?? await store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
            await faults.OnStepAsync(EngineStep.Loaded, instanceId).ConfigureAwait(false);
            foreach (var pending in snapshot.PendingOutbox)
            {
                if (pending.Writer != store.WorkerId && pending.WrittenAt is { } writtenAt
                    && store.Time.GetUtcNow() - writtenAt is var age && age < DurableStore.OutboxTakeoverAge)
                {
                    // Normally the writer deletes the row within milliseconds: look again soon, and take it over
                    // only once it is old enough that its writer must have stopped.
                    var wait = DurableStore.OutboxTakeoverAge - age;
                    wait = wait < DeferralStep ? wait : DeferralStep;
                    wait = wait < MinimumDeferral ? MinimumDeferral : wait;
                    Logs.OutboxDeferred(_logger, pending.Entries.Count, wait);
                    return (EpisodeOutcome.Deferred, wait);
                }

                Logs.OutboxRecovered(_logger, pending.Entries.Count);
                await SendOutboxAsync(pending.Row, pending.Entries, cancellationToken).ConfigureAwait(false);
            }

            if (cached is null)
            {
                await RejectForeignChildStartsAsync(snapshot.Row, messages, cancellationToken).ConfigureAwait(false);
            }

            var plan = Plan(instanceId, snapshot, messages);
            await faults.OnStepAsync(EngineStep.Executed, instanceId).ConfigureAwait(false);
            if (plan is null)
            {
                if (cached is not null)
                {
                    // Nothing to do by what this process remembers: confirm against storage before dropping anything.
                    attempt--;
                    continue;
                }

                return (EpisodeOutcome.Done, TimeSpan.Zero);
            }

            ETag etag;
            var deleted = false;
            try
            {
                if (store.Transactions is { } transactions)
                {
                    var commit = new TransactionalCommit(store.Instances, plan.Actions,
                        [.. plan.Outbox.Select(store.ToQueueSend)], [.. received.Select(m => QueueDelete.Of(queue, m))]);
                    var result = await transactions.CommitAsync(commit, cancellationToken).ConfigureAwait(false);
                    etag = result.ETags[0]!.Value;
                    deleted = true;
                }
                else
                {
                    IReadOnlyList<TableTransactionAction> actions = plan.OutboxRow is { } outboxRow
                        ? [.. plan.Actions, new TableTransactionAction(TableTransactionActionType.Add, outboxRow)]
                        : plan.Actions;
                    var etags = await store.Instances.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                    etag = etags[0]!.Value;
                }
            }
            catch (StorageException ex) when (ex.Kind is StorageErrorKind.PreconditionFailed or StorageErrorKind.AlreadyExists
                || (cached is not null && ex.Kind is StorageErrorKind.NotFound && ex.FailedIndex == 0))
            {
                Logs.CommitConflict(_logger, attempt);
                continue;
            }

            await faults.OnStepAsync(EngineStep.Committed, instanceId).ConfigureAwait(false);
            if (deleted)
            {
                store.Signal(plan.Outbox);
            }
            else if (plan.OutboxRow is { } outboxRow)
            {
                await SendOutboxAsync(outboxRow, plan.Outbox, cancellationToken).ConfigureAwait(false);
            }

            if (snapshot.StaleRows.Count > 0)
            {
                await store.DeleteRowsAsync(snapshot.StaleRows, cancellationToken).ConfigureAwait(false);
            }

            plan.Row.ETag = etag;
            store.Cache.Put(instanceId, new InstanceSnapshot(plan.Row, plan.HistoryAfter, [], []));
            if (plan.FinalStatus is { } status)
            {
                Logs.InstanceFinished(_logger, plan.Name, status);
            }

            return (deleted ? EpisodeOutcome.DoneAndDeleted : EpisodeOutcome.Done, TimeSpan.Zero);
        }

        return (EpisodeOutcome.Contended, TimeSpan.Zero);
    }

    /// <summary>
    /// A parent asked to start a child under an id another instance already uses: tell the parent its call failed,
    /// rather than leave it waiting for a child that will never run.
    /// </summary>
    private async Task RejectForeignChildStartsAsync(InstanceRow? row, IReadOnlyList<DurableMessage> messages, CancellationToken cancellationToken)
    {
        if (row is null)
        {
            return;
        }

        foreach (var message in messages)
        {
            if (message.Event is ExecutionStartedEvent { ParentInstanceId: { } parent, ParentTaskId: { } taskId } start
                && message.ExecutionId != row.ExecutionId
                && (parent != row.ParentInstanceId || start.ParentExecutionId != row.ParentExecutionId || taskId != row.ParentTaskId))
            {
                var failure = new FailureRecord("InstanceIdInUse",
                    $"Sub-orchestration '{start.Name}' could not start: its instance id is already used by another orchestration instance.");
                var reply = new DurableMessage(Guid.NewGuid().ToString("N"), parent, start.ParentExecutionId,
                    new SubOrchestrationFailedEvent(taskId, failure) { Timestamp = store.Time.GetUtcNow() });
                await store.SendAsync(new OutboxEntry(false, null, reply), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends an outbox row's messages and deletes the row (in one transaction when the store can).</summary>
    private async Task SendOutboxAsync(TableEntity row, IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        if (store.Transactions is { } transactions)
        {
            await transactions.CommitAsync(new TransactionalCommit(store.Instances,
                [new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)],
                [.. entries.Select(store.ToQueueSend)], []), cancellationToken).ConfigureAwait(false);
            store.Signal(entries);
            await faults.OnStepAsync(EngineStep.OutboxSent, row.PartitionKey).ConfigureAwait(false);
            await faults.OnStepAsync(EngineStep.OutboxDeleted, row.PartitionKey).ConfigureAwait(false);
            return;
        }

        var sends = entries.Select(e => store.SendAsync(e, cancellationToken));
        await Task.WhenAll(sends).ConfigureAwait(false);
        await faults.OnStepAsync(EngineStep.OutboxSent, row.PartitionKey).ConfigureAwait(false);
        await store.Instances.DeleteAsync(row.PartitionKey, row.RowKey, null, cancellationToken).ConfigureAwait(false);
        await faults.OnStepAsync(EngineStep.OutboxDeleted, row.PartitionKey).ConfigureAwait(false);
    }

    private EpisodePlan? Plan(string instanceId, InstanceSnapshot snapshot, IReadOnlyList<DurableMessage> messages)
    {
        var now = store.Time.GetUtcNow();
        var row = snapshot.Row;
        var history = snapshot.History;
        var isNew = false;
        var restarted = false;

        if (row is null)
        {
            if (messages.Select(m => m.Event).OfType<ExecutionStartedEvent>().FirstOrDefault() is not { } start)
            {
                Logs.MessagesForUnknownInstance(_logger, messages.Count);
                return null;
            }

            var startMessage = messages.First(m => m.Event is ExecutionStartedEvent);
            row = NewRow(instanceId, startMessage.ExecutionId!, start, now);
            isNew = true;
        }
        else if (row.IsTerminal)
        {
            var restart = messages.FirstOrDefault(m => m.Event is ExecutionStartedEvent s
                && s.ReplacesExecutionId == row.ExecutionId && m.ExecutionId != row.ExecutionId);
            if (restart is null)
            {
                return null;
            }

            var fresh = NewRow(instanceId, restart.ExecutionId!, (ExecutionStartedEvent)restart.Event, now);
            fresh.ETag = row.ETag;
            row = fresh;
            history = [];
            restarted = true;
        }

        var executionId = row.ExecutionId;
        var completedSteps = new HashSet<int>();
        var scheduledSteps = new HashSet<int>();
        var eventIds = new HashSet<string>(StringComparer.Ordinal);
        var started = false;
        foreach (var e in history)
        {
            switch (e)
            {
                case ExecutionStartedEvent:
                    started = true;
                    break;
                case TaskScheduledEvent s:
                    scheduledSteps.Add(s.TaskId);
                    break;
                case TimerCreatedEvent s:
                    scheduledSteps.Add(s.TaskId);
                    break;
                case SubOrchestrationCreatedEvent s:
                    scheduledSteps.Add(s.TaskId);
                    break;
                case TaskCompletedEvent c:
                    completedSteps.Add(c.TaskId);
                    break;
                case TaskFailedEvent c:
                    completedSteps.Add(c.TaskId);
                    break;
                case TimerFiredEvent c:
                    completedSteps.Add(c.TaskId);
                    break;
                case SubOrchestrationCompletedEvent c:
                    completedSteps.Add(c.TaskId);
                    break;
                case SubOrchestrationFailedEvent c:
                    completedSteps.Add(c.TaskId);
                    break;
                case EventRaisedEvent r:
                    eventIds.Add(r.MessageId);
                    break;
            }
        }

        var incoming = new List<HistoryEvent>();
        var startRequested = false;
        foreach (var message in messages)
        {
            if (message.ExecutionId is not null && message.ExecutionId != executionId)
            {
                continue;
            }

            switch (message.Event)
            {
                case ExecutionStartedEvent:
                    startRequested |= !started;
                    break;
                case TaskCompletedEvent or TaskFailedEvent or TimerFiredEvent or SubOrchestrationCompletedEvent or SubOrchestrationFailedEvent:
                    var step = StepOf(message.Event);
                    if (scheduledSteps.Contains(step) && completedSteps.Add(step))
                    {
                        incoming.Add(message.Event with { Timestamp = now });
                    }

                    break;
                case EventRaisedEvent raised:
                    if (eventIds.Add(raised.MessageId))
                    {
                        incoming.Add(raised with { Timestamp = now });
                    }

                    break;
                case ExecutionTerminatedEvent or ExecutionSuspendedEvent or ExecutionResumedEvent or PoisonMessageEvent:
                    incoming.Add(message.Event with { Timestamp = now });
                    break;
            }
        }

        var runnableStart = !started && (startRequested || incoming.Count > 0) && (row.StartAt is null || row.StartAt <= now);
        if (incoming.Count == 0 && !runnableStart && !isNew && !restarted)
        {
            return null;
        }

        var plan = new EpisodePlanBuilder(store, row, isNew, now, history);
        plan.Record(new OrchestratorStartedEvent { Timestamp = now });
        if (runnableStart)
        {
            plan.Record(new ExecutionStartedEvent(row.Name, row.Input, executionId)
            {
                Timestamp = now,
                ParentInstanceId = row.ParentInstanceId,
                ParentName = row.ParentName,
                ParentExecutionId = row.ParentExecutionId,
                ParentTaskId = row.ParentTaskId,
            });
            started = true;
            row.Status = InstanceStatus.Running;
        }

        foreach (var e in incoming)
        {
            plan.Record(e);
            switch (e)
            {
                case ExecutionTerminatedEvent terminated:
                    plan.Finish(InstanceStatus.Terminated, terminated.Reason, null);
                    return plan.Build();
                case PoisonMessageEvent poison:
                    plan.Finish(InstanceStatus.Failed, null, new FailureRecord("PoisonMessage", poison.Reason));
                    return plan.Build();
                case ExecutionSuspendedEvent when row.Status is InstanceStatus.Running or InstanceStatus.Pending:
                    row.Status = InstanceStatus.Suspended;
                    break;
                case ExecutionResumedEvent when row.Status is InstanceStatus.Suspended:
                    row.Status = started ? InstanceStatus.Running : InstanceStatus.Pending;
                    break;
            }
        }

        if (!started || row.Status == InstanceStatus.Suspended)
        {
            return plan.Build();
        }

        if (row.EventCount + plan.RecordedCount > store.Options.MaxHistoryEventsPerGeneration)
        {
            plan.ReplaceWithFailure(HistoryCapFailure(row));
            return plan.Build();
        }

        if (!registry.TryCreateOrchestrator(row.Name, services, out var orchestrator))
        {
            plan.ReplaceWithFailure(
                new FailureRecord("OrchestratorNotFound", $"No orchestrator named '{row.Name}' is registered with this worker."));
            return plan.Build();
        }

        var result = OrchestrationExecutor.Execute(orchestrator!, row.Name, instanceId, history, plan.Recorded, store.Converter, loggerFactory);
        row.CustomStatus = result.CustomStatus;

        foreach (var action in result.NewActions)
        {
            plan.Schedule(action);
        }

        if (row.EventCount + plan.RecordedCount > store.Options.MaxHistoryEventsPerGeneration)
        {
            plan.ReplaceWithFailure(HistoryCapFailure(row));
            return plan.Build();
        }

        if (result.Completion is { } completion)
        {
            if (completion.Status == InstanceStatus.ContinuedAsNew)
            {
                plan.ContinueAsNew(completion.Result, result.CarriedEvents);
            }
            else
            {
                plan.Record(completion);
                plan.Finish(completion.Status, completion.Result, completion.FailureDetails);
            }
        }

        return plan.Build();
    }

    private FailureRecord HistoryCapFailure(InstanceRow row) => new(
        "HistoryLimitExceeded",
        $"Orchestration '{row.Name}' recorded more than {store.Options.MaxHistoryEventsPerGeneration} history events in one execution. " +
        "Use ContinueAsNew to start a fresh generation, or raise DurableTaskOptions.MaxHistoryEventsPerGeneration.");

    private static int StepOf(HistoryEvent e) => e switch
    {
        TaskCompletedEvent c => c.TaskId,
        TaskFailedEvent c => c.TaskId,
        TimerFiredEvent c => c.TaskId,
        SubOrchestrationCompletedEvent c => c.TaskId,
        SubOrchestrationFailedEvent c => c.TaskId,
        _ => -1,
    };

    private static InstanceRow NewRow(string instanceId, string executionId, ExecutionStartedEvent start, DateTimeOffset now) => new()
    {
        InstanceId = instanceId,
        Name = start.Name,
        ExecutionId = executionId,
        Status = InstanceStatus.Pending,
        Input = start.Input,
        CreatedAt = start.Timestamp == default ? now : start.Timestamp,
        LastUpdatedAt = now,
        StartAt = start.StartAt,
        ParentInstanceId = start.ParentInstanceId,
        ParentName = start.ParentName,
        ParentExecutionId = start.ParentExecutionId,
        ParentTaskId = start.ParentTaskId,
    };
}
