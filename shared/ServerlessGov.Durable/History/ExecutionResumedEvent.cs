namespace ServerlessGov.Durable.History;

/// <summary>A client resumed the instance.</summary>
internal sealed record ExecutionResumedEvent(string? Reason) : HistoryEvent;
