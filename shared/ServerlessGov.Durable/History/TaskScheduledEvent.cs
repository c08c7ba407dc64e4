namespace ServerlessGov.Durable.History;

/// <summary>The orchestrator called activity <paramref name="Name"/> as step <paramref name="TaskId"/>.</summary>
internal sealed record TaskScheduledEvent(int TaskId, string Name, string? Input) : HistoryEvent;
