using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage.Transactions;

/// <summary>
/// What <see cref="ITransactionalCommitStore.CommitAsync"/> applies at once: an optional batch on one table, messages to
/// send and received messages to delete. Any part may be empty, but not all of them.
/// </summary>
public sealed record TransactionalCommit(
    ITable? Table,
    IReadOnlyList<TableTransactionAction> TableActions,
    IReadOnlyList<QueueSend> Sends,
    IReadOnlyList<QueueDelete> Deletes)
{
    /// <summary>A commit that only sends and deletes messages.</summary>
    public static TransactionalCommit Messages(IReadOnlyList<QueueSend> sends, IReadOnlyList<QueueDelete> deletes) =>
        new(null, [], sends, deletes);
}
