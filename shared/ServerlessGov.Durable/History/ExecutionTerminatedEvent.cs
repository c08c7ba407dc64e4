namespace ServerlessGov.Durable.History;

/// <summary>A client asked to end the instance; <paramref name="Reason"/> (JSON) becomes its output.</summary>
internal sealed record ExecutionTerminatedEvent(string? Reason) : HistoryEvent;
