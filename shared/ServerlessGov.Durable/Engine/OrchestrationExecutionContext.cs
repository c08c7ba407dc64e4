using System.Globalization;
using Microsoft.Extensions.Logging;
using ServerlessGov.Durable.History;

namespace ServerlessGov.Durable.Engine;

/// <summary>
/// The context one replay runs with: hands out step numbers, records new actions, completes awaited tasks as
/// history events are applied, and checks replayed actions against what history recorded.
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
    private readonly Dictionary<string, LinkedList<Action<EventRaisedEvent>>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<EventRaisedEvent> _arrivalOrder = [];
    private int _sequence;
    private int _guidCounter;
    private string? _input;

    public OrchestrationExecutionContext(string name, string instanceId, DataConverter converter, ILoggerFactory loggerFactory)
    {
        Name = name;
        InstanceId = instanceId;
        _converter = converter;
        _loggerFactory = loggerFactory;
    }

    public override string Name { get; }

    public override string InstanceId { get; }

    public override DateTime CurrentUtcDateTime => Now.UtcDateTime;

    public override bool IsReplaying => Replaying;

    internal DateTimeOffset Now { get; set; }

    internal bool Replaying { get; set; }

    internal bool ContinueAsNewRequested { get; private set; }

    internal string? ContinueAsNewInput { get; private set; }

    internal bool PreserveUnprocessedEvents { get; private set; }

    internal string? CustomStatus { get; private set; }

    internal bool CustomStatusChanged { get; private set; }

    internal IReadOnlyCollection<HistoryEvent> PendingActions => _pendingActions.Values;

    internal void SetInput(string? input) => _input = input;

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serialized = CheckedPayload(_converter.Serialize(input), name);
        var background = options?.Background ?? false;
        return options?.Retry is { } retry
            ? WithRetryAsync(retry, _ => CallActivityOnceAsync<TResult>(name, serialized, background))
            : CallActivityOnceAsync<TResult>(name, serialized, background);
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, SubOrchestrationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serialized = CheckedPayload(_converter.Serialize(input), name);
        return options?.Retry is { } retry
            ? WithRetryAsync(retry, attempt => CallSubOrchestratorOnceAsync<TResult>(name, serialized, options.InstanceId, attempt))
            : CallSubOrchestratorOnceAsync<TResult>(name, serialized, options?.InstanceId, 1);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var id = _sequence++;
        var due = new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc));
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
        if (_bufferedEvents.TryGetValue(eventName, out var buffered) && buffered.TryDequeue(out var early))
        {
            _arrivalOrder.Remove(early);
            return Task.FromResult(_converter.Deserialize<T>(early.Input)!);
        }

        var completion = new TaskCompletionSource<T>();
        if (!_waiters.TryGetValue(eventName, out var list))
        {
            list = new LinkedList<Action<EventRaisedEvent>>();
            _waiters[eventName] = list;
        }

        var node = list.AddLast(raised =>
        {
            try
            {
                completion.TrySetResult(_converter.Deserialize<T>(raised.Input)!);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
            {
                completion.TrySetException(ex);
            }
        });
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    list.Remove(node);
                }

                completion.TrySetCanceled(cancellationToken);
            });
        }

        return completion.Task;
    }

    public override async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
    {
        using var stopWaiting = new CancellationTokenSource();
        var received = WaitForExternalEvent<T>(eventName, stopWaiting.Token);
        if (received.IsCompleted)
        {
            return await received;
        }

        using var cancelTimer = new CancellationTokenSource();
        var timer = CreateTimer(CurrentUtcDateTime.Add(timeout), cancelTimer.Token);
        var winner = await Task.WhenAny(received, timer);
        // Cancel synchronously: CancelAsync would run the callbacks off the replay thread.
#pragma warning disable CA1849
        if (winner == received)
        {
            cancelTimer.Cancel();
            return await received;
        }

        stopWaiting.Cancel();
#pragma warning restore CA1849
        throw new TaskCanceledException($"No '{eventName}' event arrived within {timeout}.");
    }

    public override void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true)
    {
        ContinueAsNewRequested = true;
        ContinueAsNewInput = _converter.Serialize(newInput);
        PreserveUnprocessedEvents = preserveUnprocessedEvents;
    }

    public override void SetCustomStatus(object? customStatus)
    {
        CustomStatus = _converter.Serialize(customStatus);
        CustomStatusChanged = true;
    }

    public override Guid NewGuid() =>
        DeterministicGuid.Create(string.Create(CultureInfo.InvariantCulture, $"{InstanceId}_{CurrentUtcDateTime:o}_{_guidCounter++}"));

    public override T? GetInput<T>()
        where T : default => _converter.Deserialize<T>(_input);

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(this, _loggerFactory.CreateLogger(categoryName));

    /// <summary>Matches a recorded action against what the code asked for at the same step.</summary>
    /// <exception cref="NonDeterministicOrchestrationException">They differ, or the code asked for nothing.</exception>
    internal void MatchRecordedAction(int step, HistoryEvent recorded)
    {
        if (!_pendingActions.Remove(step, out var actual))
        {
            throw new NonDeterministicOrchestrationException(Name, step, Describe(recorded), "nothing at this step");
        }

        var same = (recorded, actual) switch
        {
            (TaskScheduledEvent r, TaskScheduledEvent a) => string.Equals(r.Name, a.Name, StringComparison.OrdinalIgnoreCase),
            (TimerCreatedEvent, TimerCreatedEvent) => true,
            (SubOrchestrationCreatedEvent r, SubOrchestrationCreatedEvent a) =>
                string.Equals(r.Name, a.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(r.InstanceId, a.InstanceId, StringComparison.Ordinal),
            _ => false,
        };
        if (!same)
        {
            throw new NonDeterministicOrchestrationException(Name, step, Describe(recorded), Describe(actual));
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

    /// <summary>Hands an event to the oldest waiter for its name, or buffers it.</summary>
    internal void Deliver(EventRaisedEvent raised)
    {
        if (_waiters.TryGetValue(raised.Name, out var list) && list.First is { } first)
        {
            list.RemoveFirst();
            first.Value(raised);
            return;
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
        _ => action.GetType().Name,
    };

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

    private Task<TResult> CallSubOrchestratorOnceAsync<TResult>(string name, string? input, string? instanceId, int attempt)
    {
        var id = _sequence++;
        var childId = instanceId is null
            ? string.Create(CultureInfo.InvariantCulture, $"{InstanceId}:{id:D4}")
            : attempt == 1 ? instanceId : string.Create(CultureInfo.InvariantCulture, $"{instanceId}#{attempt}");
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
                completion.TrySetException(new TaskFailedException(name, id, failed.FailureDetails));
                break;
            case SubOrchestrationFailedEvent failed:
                completion.TrySetException(new TaskFailedException(name, id, failed.FailureDetails));
                break;
        }
    }

    private void SetResult<TResult>(TaskCompletionSource<TResult> completion, string? json)
    {
        try
        {
            completion.TrySetResult(_converter.Deserialize<TResult>(json)!);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            completion.TrySetException(ex);
        }
    }

    private async Task<TResult> WithRetryAsync<TResult>(RetryPolicy policy, Func<int, Task<TResult>> attemptCall)
    {
        var firstAttemptAt = CurrentUtcDateTime;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await attemptCall(attempt);
            }
            catch (TaskFailedException ex) when (attempt < policy.MaxNumberOfAttempts && policy.HandleFailure(ex.FailureDetails))
            {
                var delay = policy.DelayBefore(attempt + 1);
                if (policy.RetryTimeout != Timeout.InfiniteTimeSpan && CurrentUtcDateTime.Add(delay) - firstAttemptAt > policy.RetryTimeout)
                {
                    throw;
                }

                await CreateTimer(CurrentUtcDateTime.Add(delay), CancellationToken.None);
            }
        }
    }

    private void AddAction(int id, HistoryEvent action) => _pendingActions[id] = action;
}
