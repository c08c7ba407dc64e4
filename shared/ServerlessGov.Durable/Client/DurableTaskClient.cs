namespace ServerlessGov.Durable;

/// <summary>
/// Starts, queries and controls orchestration instances. Thread-safe; register one per hub. Control operations
/// (events, terminate, suspend, resume) are messages: they take effect when a worker processes them.
/// </summary>
public abstract class DurableTaskClient
{
    /// <summary>
    /// Schedules an instance and returns its id. If an instance with that id is Pending, Running, Suspended or
    /// ContinuedAsNew — or terminal with a status in the dedupe set — nothing new starts and its id is returned.
    /// </summary>
    /// <exception cref="ArgumentException">An invalid instance id or name.</exception>
    /// <exception cref="ServerlessGov.Storage.StorageException">Storage failed.</exception>
    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null,
        StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The instance's current state; null when there is no such instance.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">Storage failed.</exception>
    public abstract Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Waits until the instance is Completed, Failed or Terminated and returns its final state.</summary>
    /// <exception cref="InvalidOperationException">There is no such instance.</exception>
    /// <exception cref="OperationCanceledException">The token fired first.</exception>
    public abstract Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Sends an event to an instance (buffered there until the orchestrator waits for it).</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">Storage failed.</exception>
    public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default);

    /// <summary>Ends a live instance as Terminated with <paramref name="reason"/> as its output.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">Storage failed.</exception>
    public abstract Task TerminateInstanceAsync(string instanceId, object? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Pauses a live instance; events that arrive meanwhile are kept.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">Storage failed.</exception>
    public abstract Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Resumes a suspended instance.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">Storage failed.</exception>
    public abstract Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a terminal instance and its history; a live or unknown instance is left alone (count 0).</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">Storage failed.</exception>
    public abstract Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes every terminal instance the filter matches.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">Storage failed.</exception>
    public abstract Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default);

    /// <summary>One page of the instances a query matches.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">Storage failed, or the continuation token is malformed.</exception>
    public abstract Task<OrchestrationQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default);
}
