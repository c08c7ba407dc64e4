namespace ServerlessGov.Durable.History;

/// <summary>The orchestrator called activity <paramref name="Name"/> as step <paramref name="TaskId"/>, in the background lane when <paramref name="Background"/>.</summary>
internal sealed record TaskScheduledEvent(int TaskId, string Name, string? Input, bool Background = false) : HistoryEvent;
