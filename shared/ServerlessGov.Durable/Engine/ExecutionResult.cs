using ServerlessGov.Durable.History;

namespace ServerlessGov.Durable.Engine;

/// <summary>What one episode of orchestrator code decided: new steps to take, its custom status, and whether and how it ended.</summary>
internal sealed record ExecutionResult(
    IReadOnlyList<HistoryEvent> NewActions,
    ExecutionCompletedEvent? Completion,
    string? CustomStatus,
    IReadOnlyList<EventRaisedEvent> CarriedEvents);
