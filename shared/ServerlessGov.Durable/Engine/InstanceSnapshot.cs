using ServerlessGov.Durable.History;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Durable.Engine;

/// <summary>Everything one partition read returns about an instance: its row, its current execution's history, unsent outbox rows and rows of older executions to clean up.</summary>
internal sealed record InstanceSnapshot(
    InstanceRow? Row,
    IReadOnlyList<HistoryEvent> History,
    IReadOnlyList<PendingOutbox> PendingOutbox,
    IReadOnlyList<TableEntity> StaleRows);
