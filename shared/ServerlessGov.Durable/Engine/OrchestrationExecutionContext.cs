using System.Globalization;
using System.Runtime.ExceptionServices;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.Logging;
using ServerlessGov.Durable.History;
using NonDeterministicOrchestrationException = DurableTask.Core.Exceptions.NonDeterministicOrchestrationException;

namespace ServerlessGov.Durable.Engine;

/// <summary>
/// The embedded engine's <see cref="TaskOrchestrationContext"/>: the context one replay runs with. It hands out step
/// numbers, records new actions, completes awaited tasks as history events are applied, and checks replayed actions
/// against what history recorded. Its observable rules are the Durable Task SDK's (see docs/DURABLE.md for the few
/// that differ).
/// </summary>
internal sealed class OrchestrationExecutionContext : TaskOrchestrationContext
{
    /// <summary>Largest serialized input an activity or child call may carry (a queue message holds 48 KiB).</summary>
    internal const int MaxPayloadChars = 40 * 1024;

    private readonly DataConverter _converter;
    private readonly ILoggerFactory _loggerFactory;
    private readonly SortedDictionary<int, HistoryEvent> _pendingActions = [];
    private readonly Dictionary<int, Action<HistoryEvent>> _openTasks = [];
    private readonly Dictionary<string, Queue<EventRaisedEvent>> _bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, EventWaiter> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<EventRaisedEvent> _arrivalOrder = [];
    private int _sequence;
    private int _guidCounter;
    private object? _input;
    private string? _serializedInput;
    private object? _customStatus;

    public OrchestrationExecutionContext(string name, string instanceId, DataConverter converter, ILoggerFactory loggerFactory)
    {
        Name = name;
        InstanceId = instanceId;
        _converter = converter;
        _loggerFactory = loggerFactory;
    }

    public override TaskName Name { get; }

    public override string InstanceId { get; }

    public override ParentOrchestrationInstance? Parent => ParentInstance;

    public override DateTime CurrentUtcDateTime => Now.UtcDateTime;

    public override bool IsReplaying => Replaying;

    public override TaskOrchestrationEntityFeature Entities =>
        throw new NotSupportedException("Durable entities are not supported by the embedded ServerlessGov engine; use an orchestration or a table row instead.");

    protected override ILoggerFactory LoggerFactory => _loggerFactory;

    internal ParentOrchestrationInstance? ParentInstance { get; set; }

    internal DateTimeOffset Now { get; set; }

    internal bool Replaying { get; set; }

    internal bool ContinueAsNewRequested { get; private set; }

    internal string? ContinueAsNewInput { get; private set; }

    internal bool PreserveUnprocessedEvents { get; private set; }

    /// <summary>The custom status as the code last set it (serialized once, at the end of the episode, as the SDK does).</summary>
    internal string? SerializedCustomStatus => _converter.Serialize(_customStatus);

    internal IReadOnlyCollection<HistoryEvent> PendingActions => _pendingActions.Values;

    internal void SetInput(object? input, string? serializedInput)
    {
        _input = input;
        _serializedInput = serializedInput;
    }

    /// <summary>
    /// The input as <typeparamref name="T"/>: the value read for the orchestrator's input type when it is one, otherwise
    /// (a <c>[Function]</c> orchestrator, whose input type only its <c>GetInput</c> call names: <see cref="InputReadOnDemand"/>
    /// or <see cref="object"/>) the serialized input read as <typeparamref name="T"/>, once, as the isolated worker reads it.
    /// </summary>
    public override T? GetInput<T>()
        where T : default
    {
        if (_input is T typed)
        {
            return typed;
        }

        if (_serializedInput is null)
        {
            return default;
        }

        var input = _converter.Deserialize<T>(_serializedInput);
        _input = input;
        return input;
    }

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name.Name, nameof(name));
        if (input is TaskOptions && options is null)
        {
            throw new ArgumentException("A TaskOptions value was given as the activity's input and no options: pass it as the options argument.", nameof(input));
        }

        var serialized = CheckedPayload(_converter.Serialize(input), name.Name);
        var background = DurableLanes.IsBackground(options);
        return WithRetryAsync(options?.Retry, name.Name, () => CallActivityOnceAsync<TResult>(name.Name, serialized, background));
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName.Name, nameof(orchestratorName));
        // As the SDK: the child's id is the caller's, or a deterministic GUID taken before the call is recorded.
        var instanceId = (options as SubOrchestrationOptions)?.InstanceId ?? NewGuid().ToString("N");
        var serialized = CheckedPayload(_converter.Serialize(input), orchestratorName.Name);
        var attempt = 0;
        return WithRetryAsync(options?.Retry, orchestratorName.Name, () =>
        {
            attempt++;
            var childId = attempt == 1 ? instanceId : string.Create(CultureInfo.InvariantCulture, $"{instanceId}#{attempt}");
            return CallSubOrchestratorOnceAsync<TResult>(orchestratorName.Name, serialized, childId);
        });
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var id = _sequence++;
        var due = new DateTimeOffset(fireAt.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(fireAt, DateTimeKind.Utc) : fireAt.ToUniversalTime());
        AddAction(id, new TimerCreatedEvent(id, due) { Timestamp = Now });
        var completion = new TaskCompletionSource();
        _openTasks[id] = _ => completion.TrySetResult();
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
        }

        return completion.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var waiter = new EventWaiter<T>(_converter);
        if (_waiters.TryGetValue(eventName, out var previous))
        {
            if (previous.EventType != typeof(T))
            {
                throw new ArgumentException(
                    $"Events with the same name must have the same type argument. Expected {previous.EventType.FullName} but was requested {typeof(T).FullName}.");
            }

            waiter.Next = previous;
        }

        // The newest waiter of a name is served first, as the SDK does.
        _waiters[eventName] = waiter;
        if (_bufferedEvents.TryGetValue(eventName, out var buffered) && buffered.TryDequeue(out var early))
        {
            _arrivalOrder.Remove(early);
            Deliver(early);
        }

        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => waiter.Cancel(cancellationToken));
        }

        return waiter.Task;
    }

    public override void SendEvent(string instanceId, string eventName, object payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var id = _sequence++;
        AddAction(id, new EventSentEvent(id, instanceId, eventName, CheckedPayload(_converter.Serialize(payload), eventName)) { Timestamp = Now });
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        ContinueAsNewRequested = true;
        ContinueAsNewInput = _converter.Serialize(newInput);
        PreserveUnprocessedEvents = preserveUnprocessedEvents;
    }

    public override void SetCustomStatus(object? customStatus) => _customStatus = customStatus;

    public override Guid NewGuid() =>
        DeterministicGuid.Create(string.Create(CultureInfo.InvariantCulture, $"{InstanceId}_{CurrentUtcDateTime:o}_{_guidCounter++}"));

    /// <summary>Matches a recorded action against what the code asked for at the same step.</summary>
    /// <exception cref="NonDeterministicOrchestrationException">They differ, or the code asked for nothing.</exception>
    internal void MatchRecordedAction(int step, HistoryEvent recorded)
    {
        if (!_pendingActions.Remove(step, out var actual))
        {
            throw NonDeterminism(step, Describe(recorded), "nothing at this step");
        }

        var same = (recorded, actual) switch
        {
            (TaskScheduledEvent r, TaskScheduledEvent a) => string.Equals(r.Name, a.Name, StringComparison.OrdinalIgnoreCase),
            (TimerCreatedEvent, TimerCreatedEvent) => true,
            (SubOrchestrationCreatedEvent r, SubOrchestrationCreatedEvent a) =>
                string.Equals(r.Name, a.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(r.InstanceId, a.InstanceId, StringComparison.Ordinal),
            (EventSentEvent r, EventSentEvent a) =>
                string.Equals(r.Name, a.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(r.InstanceId, a.InstanceId, StringComparison.Ordinal),
            _ => false,
        };
        if (!same)
        {
            throw NonDeterminism(step, Describe(recorded), Describe(actual));
        }
    }

    /// <summary>Delivers a task, timer or child result to the code awaiting it.</summary>
    internal void Complete(int step, HistoryEvent result)
    {
        if (_openTasks.Remove(step, out var complete))
        {
            complete(result);
        }
    }

    /// <summary>Hands an event to the newest live waiter for its name, or buffers it.</summary>
    internal void Deliver(EventRaisedEvent raised)
    {
        while (_waiters.TryGetValue(raised.Name, out var waiter))
        {
            if (waiter.Next is null)
            {
                _waiters.Remove(raised.Name);
            }
            else
            {
                _waiters[raised.Name] = waiter.Next;
            }

            if (waiter.TryComplete(raised.Input))
            {
                return;
            }
        }

        if (!_bufferedEvents.TryGetValue(raised.Name, out var queue))
        {
            queue = new Queue<EventRaisedEvent>();
            _bufferedEvents[raised.Name] = queue;
        }

        queue.Enqueue(raised);
        _arrivalOrder.Add(raised);
    }

    /// <summary>Events received but never waited for, in arrival order (carried over by ContinueAsNew).</summary>
    internal IReadOnlyList<EventRaisedEvent> UnprocessedEvents => _arrivalOrder;

    internal static string Describe(HistoryEvent action) => action switch
    {
        TaskScheduledEvent t => $"CallActivity '{t.Name}'",
        TimerCreatedEvent => "CreateTimer",
        SubOrchestrationCreatedEvent s => $"CallSubOrchestrator '{s.Name}' (instance '{s.InstanceId}')",
        EventSentEvent e => $"SendEvent '{e.Name}' (instance '{e.InstanceId}')",
        _ => action.GetType().Name,
    };

    /// <summary>DurableTask.Core's exception, so the failure's error type is the one Durable Functions reports, with a message naming the step.</summary>
    private NonDeterministicOrchestrationException NonDeterminism(int step, string expected, string actual) => new(
        $"Non-deterministic orchestrator '{Name.Name}': at step {step} history recorded {expected}, but the code now does {actual}. " +
        "Orchestrator code must make the same calls in the same order on every replay; deploy changed logic under a new orchestrator name.");

    private static string? CheckedPayload(string? serialized, string target)
    {
        if (serialized is { Length: > MaxPayloadChars })
        {
            throw new ArgumentException(
                $"The input for '{target}' is {serialized.Length} characters of JSON; the limit is {MaxPayloadChars}. Pass a reference (for example a table key) instead.");
        }

        return serialized;
    }

    private Task<TResult> CallActivityOnceAsync<TResult>(string name, string? input, bool background)
    {
        var id = _sequence++;
        AddAction(id, new TaskScheduledEvent(id, name, input, background) { Timestamp = Now });
        var completion = new TaskCompletionSource<TResult>();
        _openTasks[id] = e => CompleteTask(completion, name, id, e);
        return completion.Task;
    }

    private Task<TResult> CallSubOrchestratorOnceAsync<TResult>(string name, string? input, string childId)
    {
        var id = _sequence++;
        AddAction(id, new SubOrchestrationCreatedEvent(id, name, childId, input)
        {
            Timestamp = Now,
            ChildExecutionId = Guid.NewGuid().ToString("N"),
        });
        var completion = new TaskCompletionSource<TResult>();
        _openTasks[id] = e => CompleteTask(completion, name, id, e);
        return completion.Task;
    }

    private void CompleteTask<TResult>(TaskCompletionSource<TResult> completion, string name, int id, HistoryEvent result)
    {
        switch (result)
        {
            case TaskCompletedEvent { Result: var json }:
                SetResult(completion, json);
                break;
            case SubOrchestrationCompletedEvent { Result: var json }:
                SetResult(completion, json);
                break;
            case TaskFailedEvent failed:
                completion.TrySetException(new TaskFailedException(name, id, failed.FailureDetails.ToDetails()));
                break;
            case SubOrchestrationFailedEvent failed:
                completion.TrySetException(new TaskFailedException(name, id, failed.FailureDetails.ToDetails()));
                break;
        }
    }

    private void SetResult<TResult>(TaskCompletionSource<TResult> completion, string? json)
    {
        try
        {
            completion.TrySetResult(Read<TResult>(_converter, json));
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            completion.TrySetException(ex);
        }
    }

    /// <summary>
    /// Runs a call with the SDK's retry rules. A <see cref="RetryPolicy"/> behaves as DurableTask.Core's retry
    /// interceptor: after a failure, if the policy handles it and the first attempt was less than the retry timeout
    /// ago, wait <c>first interval × coefficient^(failures − 1)</c> (capped) on a durable timer and try again. A
    /// retry handler is asked after each failure and waits however it likes.
    /// </summary>
    private async Task<TResult> WithRetryAsync<TResult>(TaskRetryOptions? retry, string name, Func<Task<TResult>> attemptCall)
    {
        if (retry is null)
        {
            return await attemptCall();
        }

        var firstAttemptAt = CurrentUtcDateTime;
        for (var failures = 1; ; failures++)
        {
            TaskFailedException failure;
            try
            {
                return await attemptCall();
            }
            catch (TaskFailedException ex)
            {
                failure = ex;
            }

            if (retry.Policy is { } policy)
            {
                var delay = failures < policy.MaxNumberOfAttempts ? NextDelay(policy, failures, firstAttemptAt, name, failure) : TimeSpan.Zero;
                if (delay == TimeSpan.Zero)
                {
                    ExceptionDispatchInfo.Throw(failure);
                }

                await CreateTimer(CurrentUtcDateTime.Add(delay), CancellationToken.None);
            }
            else if (retry.Handler is { } handler)
            {
                var context = new RetryContext(this, failures, failure.FailureDetails, CurrentUtcDateTime - firstAttemptAt, CancellationToken.None);
                if (!await handler(context))
                {
                    ExceptionDispatchInfo.Throw(failure);
                }
            }
            else
            {
                ExceptionDispatchInfo.Throw(failure);
            }
        }
    }

    private TimeSpan NextDelay(RetryPolicy policy, int failures, DateTime firstAttemptAt, string name, TaskFailedException failure)
    {
        // The policy's predicate expects DurableTask.Core's exception (HandleFailure reads its failure details).
        var coreFailure = new DurableTask.Core.Exceptions.TaskFailedException(failure.Message)
        {
            FailureDetails = FailureRecord.From(failure.FailureDetails)!.ToCoreDetails(),
        };
        bool handles;
        try
        {
            handles = policy.Handle(coreFailure);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // As DurableTask.Core: a predicate that throws means "do not retry", and the task's own failure stands.
            Logs.RetryPredicateFailed(_loggerFactory.CreateLogger<OrchestrationExecutionContext>(), name, ex);
            return TimeSpan.Zero;
        }

        var expires = policy.RetryTimeout == Timeout.InfiniteTimeSpan || policy.RetryTimeout == TimeSpan.MaxValue
            ? DateTime.MaxValue
            : firstAttemptAt.Add(policy.RetryTimeout);
        if (!handles || CurrentUtcDateTime >= expires)
        {
            return TimeSpan.Zero;
        }

        var milliseconds = policy.FirstRetryInterval.TotalMilliseconds * Math.Pow(policy.BackoffCoefficient, failures - 1);
        return milliseconds < policy.MaxRetryInterval.TotalMilliseconds ? TimeSpan.FromMilliseconds(milliseconds) : policy.MaxRetryInterval;
    }

    private void AddAction(int id, HistoryEvent action) => _pendingActions[id] = action;

    private static T Read<T>(DataConverter converter, string? json) => json is null ? default! : converter.Deserialize<T>(json)!;

    /// <summary>One waiter for an event name; the newest waiter of a name links to the older ones.</summary>
    private abstract class EventWaiter
    {
        public abstract Type EventType { get; }

        public EventWaiter? Next { get; set; }

        public abstract bool TryComplete(string? json);
    }

    private sealed class EventWaiter<T>(DataConverter converter) : EventWaiter
    {
        private readonly TaskCompletionSource<T> _completion = new();

        public override Type EventType => typeof(T);

        public Task<T> Task => _completion.Task;

        public override bool TryComplete(string? json)
        {
            if (_completion.Task.IsCompleted)
            {
                return false;
            }

            try
            {
                return _completion.TrySetResult(Read<T>(converter, json));
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
            {
                return _completion.TrySetException(ex);
            }
        }

        public void Cancel(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);
    }
}
