namespace ServerlessGov.Durable.History;

/// <summary>The activity of step <paramref name="TaskId"/> returned <paramref name="Result"/> (JSON).</summary>
internal sealed record TaskCompletedEvent(int TaskId, string? Result) : HistoryEvent;
