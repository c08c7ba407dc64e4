using Microsoft.Extensions.Logging;

namespace ServerlessGov.Durable;

/// <summary>
/// The orchestrator's only door to the outside world. Every method records its effect in the instance's history, so
/// a replay after a crash or an await hands back the same results without doing the work again.
/// </summary>
/// <remarks>
/// Not thread-safe, and it must only be used from the orchestrator's own awaits (no <c>ConfigureAwait(false)</c>,
/// no <c>Task.Run</c>). Cancel timers and waits with <see cref="CancellationTokenSource.Cancel()"/>, not
/// <c>CancelAsync</c>, which would run the cancellation off the replay thread. Durable tasks it returns compose with <see cref="Task.WhenAll(Task[])"/> and
/// <see cref="Task.WhenAny(Task[])"/>.
/// </remarks>
public abstract class TaskOrchestrationContext
{
    /// <summary>The orchestrator's registered name.</summary>
    public abstract string Name { get; }

    /// <summary>The instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The deterministic "now": the time the current episode started, the same on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code re-executes recorded history; use it to avoid duplicate logs or metrics.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>Schedules an activity and returns its deserialized result.</summary>
    /// <exception cref="TaskFailedException">The activity failed (after any retries the options allow).</exception>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity whose result is not needed.</summary>
    /// <exception cref="TaskFailedException">The activity failed (after any retries the options allow).</exception>
    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Starts a child orchestration and returns its output.</summary>
    /// <exception cref="TaskFailedException">The child failed or was terminated.</exception>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, SubOrchestrationOptions? options = null);

    /// <summary>Starts a child orchestration whose output is not needed.</summary>
    /// <exception cref="TaskFailedException">The child failed or was terminated.</exception>
    public Task CallSubOrchestratorAsync(string name, object? input = null, SubOrchestrationOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(name, input, options);

    /// <summary>
    /// A durable timer that completes at <paramref name="fireAt"/> (UTC), never earlier, surviving restarts. Cancel it
    /// through <paramref name="cancellationToken"/> when it is no longer needed (for example after a WhenAny).
    /// </summary>
    /// <exception cref="TaskCanceledException">The timer was cancelled.</exception>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer that completes after <paramref name="delay"/> from <see cref="CurrentUtcDateTime"/>.</summary>
    /// <exception cref="TaskCanceledException">The timer was cancelled.</exception>
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>
    /// Waits for an event raised to this instance. Names compare case-insensitively; events that arrived before the
    /// wait are buffered and handed out in arrival order.
    /// </summary>
    /// <exception cref="TaskCanceledException">The wait was cancelled through <paramref name="cancellationToken"/>.</exception>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an event, giving up after <paramref name="timeout"/> (measured by a durable timer).</summary>
    /// <exception cref="TaskCanceledException">No such event arrived within <paramref name="timeout"/>.</exception>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout);

    /// <summary>
    /// Ends this execution once the orchestrator returns and starts a fresh one with <paramref name="newInput"/> and an
    /// empty history (the way to write eternal orchestrations with bounded history). Unprocessed events carry over
    /// when <paramref name="preserveUnprocessedEvents"/> is true.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents = true);

    /// <summary>Publishes a small JSON-serializable status that clients can read while the instance runs.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>A deterministic GUID (name-based, version 5, from the instance id, episode time and a counter).</summary>
    public abstract Guid NewGuid();

    /// <summary>The orchestration input, deserialized again as <typeparamref name="T"/>.</summary>
    public abstract T? GetInput<T>();

    /// <summary>A logger that stays silent while the orchestration replays, so each line is written once.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);
}
