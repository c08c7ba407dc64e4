namespace ServerlessGov.Durable.History;

/// <summary>An external event arrived; <paramref name="MessageId"/> makes a redelivery recognisable.</summary>
internal sealed record EventRaisedEvent(string Name, string? Input, string MessageId) : HistoryEvent;
