namespace ServerlessGov.Durable.History;

/// <summary>The orchestrator created durable timer <paramref name="TaskId"/> due at <paramref name="FireAt"/>.</summary>
internal sealed record TimerCreatedEvent(int TaskId, DateTimeOffset FireAt) : HistoryEvent;
