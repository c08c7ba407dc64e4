using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Sqlite;
using ServerlessGov.Storage.Tables;
using Xunit;

namespace ServerlessGov.Testing.Storage;

/// <summary>A SQLite store on a fresh temporary database file, deleted (with its WAL files) when the fixture ends.</summary>
public sealed class SqliteStorageFixture : IStorageAdapterFixture, IAsyncLifetime
{
    private TemporaryDirectory Files { get; } = new();

    public SqliteStorageFixture()
    {
        DatabasePath = Files.Path("store.db");
        Storage = new SqliteStorage(new SqliteStorageOptions { Path = DatabasePath });
    }

    public string AdapterName => "sqlite";

    /// <summary>The database file, for tests that open it a second time.</summary>
    public string DatabasePath { get; }

    public SqliteStorage Storage { get; }

    public ITableStore Tables => Storage;

    public IQueueStore Queues => Storage;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Storage.DisposeAsync();
        Files.Dispose();
    }
}
