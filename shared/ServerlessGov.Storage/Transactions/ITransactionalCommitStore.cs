namespace ServerlessGov.Storage.Transactions;

/// <summary>
/// An optional capability of a store whose tables and queues live in one transactional engine (the SQLite adapter):
/// one table batch, some queue sends and some queue deletes applied together, all or none. Azure Storage cannot do
/// this, so callers test for the capability (<c>store is ITransactionalCommitStore</c>) and keep an outbox path for
/// stores without it. Implementations are thread-safe.
/// </summary>
public interface ITransactionalCommitStore
{
    /// <summary>
    /// Applies <paramref name="commit"/> in one transaction. The table batch follows
    /// <see cref="Tables.ITable.SubmitTransactionAsync"/>'s rules (one partition, at most 100 operations); sends follow
    /// <see cref="Queues.IQueue.SendAsync"/>'s; a delete whose message is gone or whose pop receipt is no longer the
    /// current one is skipped (another receiver holds the message) and does not fail the commit.
    /// </summary>
    /// <exception cref="StorageException">Nothing was applied: a table operation failed (<see cref="StorageException.FailedIndex"/> names it, <see cref="StorageException.Kind"/> says why), a table or queue does not exist (<see cref="StorageErrorKind.NotFound"/>), or a send breaks a queue limit (<see cref="StorageErrorKind.TooLarge"/>, <see cref="StorageErrorKind.InvalidInput"/>).</exception>
    /// <exception cref="ArgumentException">The commit is empty, has table operations without a table, or names a table or queue of another store.</exception>
    Task<TransactionalCommitResult> CommitAsync(TransactionalCommit commit, CancellationToken cancellationToken = default);
}
