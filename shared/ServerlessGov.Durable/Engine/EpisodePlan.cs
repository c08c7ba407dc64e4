using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Durable.Engine;

/// <summary>An episode's atomic commit (at most three operations on the instance's partition) and what to send after it.</summary>
internal sealed record EpisodePlan(
    IReadOnlyList<TableTransactionAction> Actions,
    (TableEntity Row, IReadOnlyList<OutboxEntry> Entries)? Outbox,
    OrchestrationRuntimeStatus? FinalStatus,
    string Name);
