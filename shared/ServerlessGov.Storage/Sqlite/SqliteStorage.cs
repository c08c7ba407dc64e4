using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Storage.Transactions;

namespace ServerlessGov.Storage.Sqlite;

/// <summary>
/// The embedded default adapter of both storage ports: tables and queues with Azure Storage semantics in one SQLite
/// database file (WAL mode), safe for many threads and for several processes sharing the file. It also commits a table
/// batch with queue sends and deletes in one transaction (<see cref="ITransactionalCommitStore"/>).
/// </summary>
public sealed class SqliteStorage : ITableStore, IQueueStore, ITransactionalCommitStore, IAsyncDisposable
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly SqliteTransactionalCommit _commit;

    /// <summary>Opens (lazily, on first use) the store at <see cref="SqliteStorageOptions.Path"/>.</summary>
    /// <exception cref="ArgumentException">The path is empty, or the busy timeout or connection count is out of range.</exception>
    public SqliteStorage(SqliteStorageOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _database = new SqliteDatabase(options, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SqliteStorage>());
        _commit = new SqliteTransactionalCommit(_database, _time);
    }

    /// <inheritdoc />
    public ITable GetTable(string name)
    {
        TableRules.ValidateTableName(name);
        return new SqliteTable(_database, _time, name);
    }

    /// <inheritdoc />
    public IQueue GetQueue(string name)
    {
        QueueRules.ValidateQueueName(name);
        return new SqliteQueue(_database, _time, name);
    }

    /// <inheritdoc />
    public Task<TransactionalCommitResult> CommitAsync(TransactionalCommit commit, CancellationToken cancellationToken = default) =>
        _commit.CommitAsync(commit, cancellationToken);

    /// <summary>Closes every connection; calls made afterwards fail.</summary>
    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
