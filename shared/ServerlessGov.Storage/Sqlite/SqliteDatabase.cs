using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ServerlessGov.Storage.Sqlite;

/// <summary>
/// Owns the connections to the database file: a pool for reads, which WAL lets run beside a writer, and one write
/// connection used under an in-process gate, so this process's writers queue without spinning on SQLite's lock.
/// Every write runs in <c>BEGIN IMMEDIATE</c>, which takes the file's write lock up front: two processes can never
/// both read-then-write the same rows, and a transaction never fails half-way with a busy snapshot. Waits for
/// another process's lock are bounded by the busy timeout.
/// </summary>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    private const int WriterCacheKibibytes = 64 * 1024;

    /// <summary>The most queued writes one commit takes, so a burst does not hold the write lock for long.</summary>
    private const int MaxWritesPerCommit = 128;

    private readonly SqliteStorageOptions _options;
    private readonly ILogger _logger;
    private readonly string _connectionString;
    private readonly ConcurrentBag<SqliteSession> _idleReaders = [];
    private readonly SemaphoreSlim _readerSlots;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentQueue<PendingWrite> _pendingWrites = new();
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private SqliteSession? _writer;
    private volatile bool _initialized;
    private volatile bool _disposed;

    public SqliteDatabase(SqliteStorageOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BusyTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxReadConnections, 1);
        _options = options;
        _logger = logger;
        _readerSlots = new SemaphoreSlim(options.MaxReadConnections, options.MaxReadConnections);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(options.Path),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    /// <summary>Runs <paramref name="work"/> on a pooled read connection (a consistent snapshot per statement).</summary>
    public async ValueTask<T> ReadAsync<TState, T>(TState state, Func<SqliteSession, TState, T> work, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await _readerSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        SqliteSession? session = null;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            session = _idleReaders.TryTake(out var idle) ? idle : Open();
            return Translate(session, state, work);
        }
        finally
        {
            if (session is not null)
            {
                if (_disposed)
                {
                    session.Dispose();
                }
                else
                {
                    _idleReaders.Add(session);
                }
            }

            _readerSlots.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> atomically on the write connection: committed when it returns, undone when it
    /// throws. Writes that queue while another commit is running share the next one (group commit): its holder runs
    /// them all in one <c>BEGIN IMMEDIATE</c> transaction, each under its own savepoint, so a write that throws is
    /// undone alone, and commits once. Each caller returns only after the commit that holds its write.
    /// </summary>
    public async ValueTask<T> WriteAsync<TState, T>(TState state, Func<SqliteSession, TState, T> work, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var pending = new PendingWrite<TState, T>(state, work);
        _pendingWrites.Enqueue(pending);
        try
        {
            await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!pending.TryWithdraw())
        {
            // Another caller's commit already took this write: its outcome is this caller's.
            return await pending.Outcome.ConfigureAwait(false);
        }

        try
        {
            while (!pending.IsDone)
            {
                CommitPendingWrites();
            }
        }
        catch (Exception) when (!pending.TryWithdraw())
        {
            // The failed commit had taken this write too, and gave it its outcome.
        }
        finally
        {
            _writeGate.Release();
        }

        return await pending.Outcome.ConfigureAwait(false);
    }

    // Called under the write gate: takes up to MaxWritesPerCommit queued writes and commits them together.
    private void CommitPendingWrites()
    {
        var batch = new List<PendingWrite>();
        while (batch.Count < MaxWritesPerCommit && _pendingWrites.TryDequeue(out var next))
        {
            if (next.TryClaim())
            {
                batch.Add(next);
            }
        }

        try
        {
            CommitTogether(batch);
        }
        catch (Exception ex)
        {
            // Nothing may leave a taken write without an outcome: its caller would wait forever.
            foreach (var write in batch.Where(w => !w.IsDone))
            {
                write.Fail(ex);
            }

            if (_writer is { } writer && InTransaction(writer))
            {
                writer.Execute("ROLLBACK");
            }

            throw;
        }
    }

    private void CommitTogether(List<PendingWrite> batch)
    {
        var ran = new List<PendingWrite>(batch.Count);
        SqliteSession? session = null;
        foreach (var write in batch)
        {
            if (_disposed)
            {
                write.Fail(new ObjectDisposedException(nameof(SqliteDatabase)));
                continue;
            }

            try
            {
                session ??= Begin();
                session.Execute("SAVEPOINT w");
            }
            catch (Exception ex) when (ex is SqliteException or StorageException)
            {
                var failure = ex is SqliteException sqlite ? Failure(sqlite) : ex;
                FailAll(ran, failure);
                write.Fail(failure);
                session = null;
                continue;
            }

            try
            {
                write.Run(session);
                session.Execute("RELEASE w");
                ran.Add(write);
            }
            catch (Exception ex)
            {
                var failure = ex is SqliteException sqlite ? Failure(sqlite) : ex;
                if (InTransaction(session))
                {
                    session.Execute("ROLLBACK TO w");
                    session.Execute("RELEASE w");
                }
                else
                {
                    // SQLite rolled the whole transaction back (an I/O or full-disk error): the writes before this
                    // one are gone with it; the rest of the batch starts a new transaction.
                    FailAll(ran, failure);
                    session = null;
                }

                write.Fail(failure);
            }
        }

        if (session is null)
        {
            return;
        }

        try
        {
            session.Execute("COMMIT");
            foreach (var write in ran)
            {
                write.Commit();
            }
        }
        catch (SqliteException ex)
        {
            if (InTransaction(session))
            {
                session.Execute("ROLLBACK");
            }

            FailAll(ran, Failure(ex));
        }
    }

    private SqliteSession Begin()
    {
        var session = _writer ??= OpenWriter();
        session.Execute("BEGIN IMMEDIATE");
        return session;
    }

    private static bool InTransaction(SqliteSession session) => SQLitePCL.raw.sqlite3_get_autocommit(session.Connection.Handle) == 0;

    private static void FailAll(List<PendingWrite> writes, Exception failure)
    {
        foreach (var write in writes)
        {
            write.Fail(failure);
        }

        writes.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            _writer?.Dispose();
            _writer = null;
            while (_idleReaders.TryTake(out var session))
            {
                session.Dispose();
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private T Translate<TState, T>(SqliteSession session, TState state, Func<SqliteSession, TState, T> work)
    {
        try
        {
            return work(session, state);
        }
        catch (SqliteException ex)
        {
            throw Failure(ex);
        }
    }

    private StorageException Failure(SqliteException ex)
    {
        if (ex.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            _logger.StoreBusy(_options.BusyTimeout, ex);
            return new StorageException(StorageErrorKind.Throttled, 503, "ServerBusy",
                $"The SQLite store stayed locked by another writer for longer than {_options.BusyTimeout}.", ex);
        }

        _logger.StoreFailed(ex.SqliteErrorCode, ex);
        return new StorageException(StorageErrorKind.Other, 500, "InternalError", $"The SQLite store failed: {ex.Message}", ex);
    }

    // Every write in the process goes through this one connection, so it is the store's bottleneck. Its page cache
    // stays valid across its own commits (readers' caches are dropped whenever it writes), so a large one spares it
    // re-reading the B-tree pages it touches on every transaction.
    private SqliteSession OpenWriter()
    {
        var session = Open();
        session.Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{WriterCacheKibibytes}"));
        return session;
    }

    private SqliteSession Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            var busyMilliseconds = ((long)_options.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            pragma.CommandText = $"PRAGMA busy_timeout = {busyMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;";
            pragma.ExecuteNonQuery();
            return new SqliteSession(connection);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw Failure(ex);
        }
    }

    private async ValueTask EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            ObjectDisposedException.ThrowIf(_disposed, this);
            var directory = Path.GetDirectoryName(Path.GetFullPath(_options.Path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var session = _writer ??= OpenWriter();
                Translate(session, 0, static (s, _) =>
                {
                    var mode = (string?)s.Scalar("PRAGMA journal_mode = WAL");
                    if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new StorageException(StorageErrorKind.Other, 500, "InternalError",
                            $"The SQLite store could not switch to WAL mode (it is in '{mode}' mode).");
                    }

                    s.Execute("BEGIN IMMEDIATE");
                    try
                    {
                        var version = Convert.ToInt32(s.Scalar("PRAGMA user_version"), CultureInfo.InvariantCulture);
                        if (version > SqliteSchema.Version)
                        {
                            throw new StorageException(StorageErrorKind.Other, 500, "InternalError",
                                $"The database file has schema version {version}, newer than this adapter's {SqliteSchema.Version}.");
                        }

                        using (var create = s.Connection.CreateCommand())
                        {
                            create.CommandText = SqliteSchema.Create + $"PRAGMA user_version = {SqliteSchema.Version};";
                            create.ExecuteNonQuery();
                        }

                        s.Execute("COMMIT");
                    }
                    catch
                    {
                        s.Execute("ROLLBACK");
                        throw;
                    }

                    return 0;
                });
            }
            finally
            {
                _writeGate.Release();
            }

            _logger.StoreOpened(_options.Path, SqliteSchema.Version);
            _initialized = true;
        }
        finally
        {
            _initGate.Release();
        }
    }
}
