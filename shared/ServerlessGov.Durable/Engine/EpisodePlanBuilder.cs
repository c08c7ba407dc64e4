using ServerlessGov.Durable.History;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Durable.Engine;

/// <summary>Collects an episode's new history events, its outgoing messages and the instance row's new state, and turns them into one batch.</summary>
internal sealed class EpisodePlanBuilder
{
    private readonly DurableStore _store;
    private readonly InstanceRow _row;
    private readonly bool _isNew;
    private readonly DateTimeOffset _now;
    private readonly string _executionId;
    private readonly int _episode;
    private readonly IReadOnlyList<HistoryEvent> _history;
    private readonly List<HistoryEvent> _recorded = [];
    private readonly List<OutboxEntry> _outbox = [];
    private List<EventRaisedEvent>? _carried;
    private InstanceStatus? _final;

    public EpisodePlanBuilder(DurableStore store, InstanceRow row, bool isNew, DateTimeOffset now, IReadOnlyList<HistoryEvent> history)
    {
        _history = history;
        _store = store;
        _row = row;
        _isNew = isNew;
        _now = now;
        _executionId = row.ExecutionId;
        _episode = row.Episode;
    }

    public IReadOnlyList<HistoryEvent> Recorded => _recorded;

    public int RecordedCount => _recorded.Count;

    public void Record(HistoryEvent historyEvent) => _recorded.Add(historyEvent);

    /// <summary>Records a new action and queues the message that carries it out.</summary>
    public void Schedule(HistoryEvent action)
    {
        _recorded.Add(action);
        switch (action)
        {
            case TaskScheduledEvent:
                _outbox.Add(new OutboxEntry(true, null, Message(_row.InstanceId, _executionId, action)));
                break;
            case TimerCreatedEvent timer:
                _outbox.Add(new OutboxEntry(false, timer.FireAt,
                    Message(_row.InstanceId, _executionId, new TimerFiredEvent(timer.TaskId, timer.FireAt) { Timestamp = _now })));
                break;
            case EventSentEvent sent:
                var eventId = Guid.NewGuid().ToString("N");
                _outbox.Add(new OutboxEntry(false, null, new DurableMessage(eventId, sent.InstanceId, null,
                    new EventRaisedEvent(sent.Name, sent.Input, eventId) { Timestamp = _now })));
                break;
            case SubOrchestrationCreatedEvent child:
                _outbox.Add(new OutboxEntry(false, null, Message(child.InstanceId, child.ChildExecutionId,
                    new ExecutionStartedEvent(child.Name, child.Input, child.ChildExecutionId)
                    {
                        Timestamp = _now,
                        ParentInstanceId = _row.InstanceId,
                        ParentName = _row.Name,
                        ParentExecutionId = _executionId,
                        ParentTaskId = child.TaskId,
                    })));
                break;
        }
    }

    /// <summary>Ends the execution with a terminal status and tells the parent, if any.</summary>
    public void Finish(InstanceStatus status, string? output, FailureRecord? failure)
    {
        _final = status;
        _row.Status = status;
        _row.Output = output;
        _row.Failure = failure;
        if (_row.ParentInstanceId is { } parent && _row.ParentTaskId is { } taskId)
        {
            HistoryEvent result = status == InstanceStatus.Completed
                ? new SubOrchestrationCompletedEvent(taskId, output) { Timestamp = _now }
                : new SubOrchestrationFailedEvent(taskId, failure ?? new FailureRecord("Terminated", $"The sub-orchestration was terminated: {output}"))
                { Timestamp = _now };
            _outbox.Add(new OutboxEntry(false, null, Message(parent, _row.ParentExecutionId, result)));
        }
    }

    /// <summary>Discards the episode's work and fails the instance instead (history cap, missing orchestrator).</summary>
    public void ReplaceWithFailure(FailureRecord failure)
    {
        _recorded.Clear();
        _outbox.Clear();
        _recorded.Add(new ExecutionCompletedEvent(InstanceStatus.Failed, null, failure) { Timestamp = _now });
        Finish(InstanceStatus.Failed, null, failure);
    }

    /// <summary>Starts a fresh execution: new id, empty history but for carried events, and a start message to run it.</summary>
    public void ContinueAsNew(string? newInput, IReadOnlyList<EventRaisedEvent> carried)
    {
        var next = Guid.NewGuid().ToString("N");
        _row.ExecutionId = next;
        _row.Input = newInput;
        _row.Output = null;
        _row.Status = InstanceStatus.ContinuedAsNew;
        _carried = [.. carried];
        _outbox.RemoveAll(e => e.Message.Event is TimerFiredEvent);
        _outbox.Add(new OutboxEntry(false, null, Message(_row.InstanceId, next,
            new ExecutionStartedEvent(_row.Name, newInput, next) { Timestamp = _now })));
    }

    public EpisodePlan Build()
    {
        var actions = new List<TableTransactionAction>(3);
        IReadOnlyList<HistoryEvent> historyAfter = _history;
        _row.LastUpdatedAt = _now;
        if (_carried is not null)
        {
            _row.Episode = 0;
            _row.EventCount = _carried.Count;
            historyAfter = _carried;
            if (_carried.Count > 0)
            {
                actions.Add(new(TableTransactionActionType.Add,
                    DurableStore.HistoryEntity(_row.InstanceId, _row.ExecutionId, 0, [.. _carried])));
                _row.Episode = 1;
            }
        }
        else if (_recorded.Count > 1 || (_recorded.Count == 1 && _recorded[0] is not OrchestratorStartedEvent))
        {
            actions.Add(new(TableTransactionActionType.Add, DurableStore.HistoryEntity(_row.InstanceId, _executionId, _episode, _recorded)));
            _row.Episode = _episode + 1;
            _row.EventCount += _recorded.Count;
            historyAfter = [.. _history, .. _recorded];
        }

        var outboxRow = _outbox.Count > 0 ? _store.OutboxEntity(_row.InstanceId, _executionId, _episode, _outbox, _now) : null;
        var rowEntity = _row.ToEntity();
        actions.Insert(0, _isNew
            ? new TableTransactionAction(TableTransactionActionType.Add, rowEntity)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, rowEntity, _row.ETag));
        return new EpisodePlan(actions, _row, _outbox, outboxRow, historyAfter, _final, _row.Name);
    }

    private static DurableMessage Message(string instanceId, string? executionId, HistoryEvent e) =>
        new(Guid.NewGuid().ToString("N"), instanceId, executionId, e);
}
