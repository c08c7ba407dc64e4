using ServerlessGov.Durable.History;

namespace ServerlessGov.Durable.Engine;

/// <summary>What one episode of orchestrator code decided: new steps to take, and whether and how it ended.</summary>
internal sealed record ExecutionResult(
    IReadOnlyList<HistoryEvent> NewActions,
    ExecutionCompletedEvent? Completion,
    string? CustomStatus,
    bool CustomStatusChanged,
    IReadOnlyList<EventRaisedEvent> CarriedEvents);
