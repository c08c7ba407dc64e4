using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Durable.Engine;

/// <summary>
/// An outbox row found when loading an instance: committed messages not yet known to be sent, which worker wrote them
/// (<see cref="DurableStore.WorkerId"/>) and when.
/// </summary>
internal sealed record PendingOutbox(TableEntity Row, IReadOnlyList<OutboxEntry> Entries, string? Writer, DateTimeOffset? WrittenAt);
