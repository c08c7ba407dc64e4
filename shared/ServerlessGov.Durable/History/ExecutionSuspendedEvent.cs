namespace ServerlessGov.Durable.History;

/// <summary>A client paused the instance.</summary>
internal sealed record ExecutionSuspendedEvent(string? Reason) : HistoryEvent;
