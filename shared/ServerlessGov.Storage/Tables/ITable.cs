namespace ServerlessGov.Storage.Tables;

/// <summary>
/// One table with Azure Table storage semantics: entities keyed by partition and row key, ETag optimistic
/// concurrency, paged queries and atomic batches within a partition. Every adapter enforces the same limits
/// (<see cref="TableRules"/>), so code that works on one works on all. Implementations are thread-safe.
/// </summary>
/// <remarks>Every call throws <see cref="StorageException"/> with <see cref="StorageErrorKind.NotFound"/> when the table does not exist.</remarks>
public interface ITable
{
    /// <summary>The table's name.</summary>
    string Name { get; }

    /// <summary>Creates the table; false when it already existed.</summary>
    Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the table and all its entities; false when it did not exist.</summary>
    Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts a new entity and returns its ETag.</summary>
    /// <exception cref="StorageException"><see cref="StorageErrorKind.AlreadyExists"/> when the keys are taken; <see cref="StorageErrorKind.TooLarge"/> or <see cref="StorageErrorKind.InvalidInput"/> when a limit is broken.</exception>
    Task<ETag> AddAsync(TableEntity entity, CancellationToken cancellationToken = default);

    /// <summary>Updates an existing entity, if its ETag still matches (<see cref="ETag.All"/>: unconditionally).</summary>
    /// <exception cref="StorageException"><see cref="StorageErrorKind.NotFound"/> when there is no such entity; <see cref="StorageErrorKind.PreconditionFailed"/> when the ETag is stale.</exception>
    Task<ETag> UpdateAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default);

    /// <summary>Inserts the entity, or updates it (merge or replace) when it exists.</summary>
    Task<ETag> UpsertAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default);

    /// <summary>Deletes an entity, conditionally on <paramref name="ifMatch"/> when given; false when there was no such entity.</summary>
    /// <exception cref="StorageException"><see cref="StorageErrorKind.PreconditionFailed"/> when the ETag is stale.</exception>
    Task<bool> DeleteAsync(string partitionKey, string rowKey, ETag? ifMatch = null, CancellationToken cancellationToken = default);

    /// <summary>Reads one entity; null when there is none (any other failure throws).</summary>
    Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default);

    /// <summary>Reads one page of a query. See <see cref="TableQuery"/> for paging rules.</summary>
    /// <exception cref="StorageException"><see cref="StorageErrorKind.InvalidInput"/> for a malformed continuation token or page size.</exception>
    Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies up to 100 operations on one partition atomically: all or none. Returns each operation's new ETag
    /// (null for a delete), in order.
    /// </summary>
    /// <exception cref="StorageException">The batch failed and nothing was applied; <see cref="StorageException.FailedIndex"/> names the operation, and <see cref="StorageException.Kind"/> says why.</exception>
    Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default);
}
