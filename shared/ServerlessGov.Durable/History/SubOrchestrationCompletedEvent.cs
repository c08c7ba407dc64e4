namespace ServerlessGov.Durable.History;

/// <summary>The child of step <paramref name="TaskId"/> completed with <paramref name="Result"/> (JSON).</summary>
internal sealed record SubOrchestrationCompletedEvent(int TaskId, string? Result) : HistoryEvent;
