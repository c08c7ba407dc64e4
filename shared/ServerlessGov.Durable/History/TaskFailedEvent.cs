namespace ServerlessGov.Durable.History;

/// <summary>The activity of step <paramref name="TaskId"/> threw.</summary>
internal sealed record TaskFailedEvent(int TaskId, FailureRecord FailureDetails) : HistoryEvent;
