namespace ServerlessGov.Durable;

/// <summary>Options of a start. Immutable.</summary>
/// <param name="InstanceId">The instance id; null makes a random one. Use a deterministic id (for example policy, subject and period) so a repeated start finds the same instance.</param>
/// <param name="StartAt">When to start (UTC); null starts now.</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
{
    /// <summary>
    /// The statuses in which an existing instance with the same id is returned instead of starting a new execution.
    /// Pending, Running, Suspended and ContinuedAsNew always dedupe (there is never a second live instance). Null
    /// uses <see cref="DurableTaskOptions.DedupeStatuses"/>, which by default also includes the terminal statuses.
    /// </summary>
    public IReadOnlySet<OrchestrationRuntimeStatus>? DedupeStatuses { get; init; }
}
