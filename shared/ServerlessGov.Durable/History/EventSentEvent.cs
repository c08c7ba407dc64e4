namespace ServerlessGov.Durable.History;

/// <summary>The orchestrator sent event <paramref name="Name"/> to instance <paramref name="InstanceId"/> as step <paramref name="TaskId"/>.</summary>
internal sealed record EventSentEvent(int TaskId, string InstanceId, string Name, string? Input) : HistoryEvent;
