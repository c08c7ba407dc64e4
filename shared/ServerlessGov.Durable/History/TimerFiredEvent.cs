namespace ServerlessGov.Durable.History;

/// <summary>Timer <paramref name="TaskId"/> came due (never before <paramref name="FireAt"/>).</summary>
internal sealed record TimerFiredEvent(int TaskId, DateTimeOffset FireAt) : HistoryEvent;
