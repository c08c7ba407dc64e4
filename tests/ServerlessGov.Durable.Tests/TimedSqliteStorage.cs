using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Sqlite;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Durable.Tests;

/// <summary>A SQLite store of its own whose clock the test moves, so the queue's delays and the engine's timers share one fake time.</summary>
internal sealed class TimedSqliteStorage : IStorageAdapterFixture, IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "serverlessgov-durable-tests", Guid.NewGuid().ToString("N"));
    private readonly SqliteStorage _storage;

    public TimedSqliteStorage(TimeProvider? storageClock = null)
    {
        Clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        _storage = new SqliteStorage(new SqliteStorageOptions { Path = Path.Combine(_directory, "store.db") }, storageClock ?? Clock);
    }

    public ManualTimeProvider Clock { get; }

    public string AdapterName => "sqlite";

    public ITableStore Tables => _storage;

    public IQueueStore Queues => _storage;

    public async ValueTask DisposeAsync()
    {
        await _storage.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
