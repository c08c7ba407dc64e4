namespace ServerlessGov.Durable.History;

/// <summary>The execution ended: Completed with a result, Failed with details, or ContinuedAsNew with the next input.</summary>
internal sealed record ExecutionCompletedEvent(InstanceStatus Status, string? Result, FailureRecord? FailureDetails) : HistoryEvent;
