namespace ServerlessGov.Durable.History;

/// <summary>The child of step <paramref name="TaskId"/> failed or was terminated.</summary>
internal sealed record SubOrchestrationFailedEvent(int TaskId, FailureRecord FailureDetails) : HistoryEvent;
