namespace ServerlessGov.Durable.History;

/// <summary>An episode began; its timestamp is the orchestrator's deterministic "now" for that episode.</summary>
internal sealed record OrchestratorStartedEvent : HistoryEvent;
