namespace ServerlessGov.Durable;

/// <summary>Per-call options of a sub-orchestration call. Immutable.</summary>
/// <param name="InstanceId">The child's instance id; null derives a deterministic one from the parent's id and the call's sequence number.</param>
/// <param name="Retry">How to retry failures; each retry starts a fresh child with a new derived id.</param>
public sealed record SubOrchestrationOptions(string? InstanceId = null, RetryPolicy? Retry = null) : TaskOptions(Retry);
