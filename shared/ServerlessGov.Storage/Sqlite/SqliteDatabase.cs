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

    private readonly SqliteStorageOptions _options;
    private readonly ILogger _logger;
    private readonly string _connectionString;
    private readonly ConcurrentBag<SqliteSession> _idleReaders = [];
    private readonly SemaphoreSlim _readerSlots;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
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

    /// <summary>Runs <paramref name="work"/> in one <c>BEGIN IMMEDIATE</c> transaction: committed when it returns, rolled back when it throws.</summary>
    public async ValueTask<T> WriteAsync<TState, T>(TState state, Func<SqliteSession, TState, T> work, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var session = _writer ??= OpenWriter();
            return Translate(session, (state, work), InTransaction);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private static T InTransaction<TState, T>(SqliteSession session, (TState State, Func<SqliteSession, TState, T> Work) call)
    {
        session.Execute("BEGIN IMMEDIATE");
        try
        {
            var result = call.Work(session, call.State);
            session.Execute("COMMIT");
            return result;
        }
        catch
        {
            if (SQLitePCL.raw.sqlite3_get_autocommit(session.Connection.Handle) == 0)
            {
                session.Execute("ROLLBACK");
            }

            throw;
        }
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
        session.Execute($"PRAGMA cache_size = -{WriterCacheKibibytes.ToString(CultureInfo.InvariantCulture)}");
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
