namespace ServerlessGov.Durable;

/// <summary>What an activity knows about the call it serves: useful as an idempotency key for side effects.</summary>
/// <param name="Name">The activity's registered name.</param>
/// <param name="InstanceId">The calling orchestration instance.</param>
/// <param name="TaskId">The call's sequence number within that instance's current execution.</param>
public sealed record TaskActivityContext(string Name, string InstanceId, int TaskId);
