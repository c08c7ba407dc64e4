namespace ServerlessGov.Durable.History;

/// <summary>A message for this instance kept failing and was set aside; the instance fails with <paramref name="Reason"/>.</summary>
internal sealed record PoisonMessageEvent(string Reason) : HistoryEvent;
