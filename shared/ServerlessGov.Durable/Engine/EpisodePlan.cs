using ServerlessGov.Durable.History;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Durable.Engine;

/// <summary>
/// An episode's atomic commit: the status row and history row operations, the messages to send (as an outbox row
/// when the store cannot send in the same transaction), and the state the instance will be in once it commits.
/// </summary>
internal sealed record EpisodePlan(
    IReadOnlyList<TableTransactionAction> Actions,
    InstanceRow Row,
    IReadOnlyList<OutboxEntry> Outbox,
    TableEntity? OutboxRow,
    IReadOnlyList<HistoryEvent> HistoryAfter,
    InstanceStatus? FinalStatus,
    string Name);
