using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using ServerlessGov.Storage.Sqlite;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Sqlite;

/// <summary>
/// Several stores on one database file, as several processes would open it: each store has its own connections and
/// its own in-process write gate, so only SQLite's file locks keep them apart.
/// </summary>
public sealed class SqliteFileSharingTests
{
    [Fact]
    public async Task Open_InAMissingDirectory_CreatesItAndRunsInWalMode()
    {
        await using var stores = new TwoStores();
        await stores.First.GetTable("walcheck").CreateIfNotExistsAsync();

        Assert.True(File.Exists(stores.DatabasePath));
        await using var connection = new SqliteConnection($"Data Source={stores.DatabasePath};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task TwoStores_SeeEachOthersTablesAndEntities()
    {
        await using var stores = new TwoStores();
        var name = UniqueNames.Table();
        await stores.First.GetTable(name).CreateIfNotExistsAsync();
        Assert.False(await stores.Second.GetTable(name).CreateIfNotExistsAsync());

        var etag = await stores.Second.GetTable(name).AddAsync(new TableEntity("p", "r") { ["V"] = 1 });

        Assert.Equal(etag, (await stores.First.GetTable(name).GetAsync("p", "r"))!.ETag);
    }

    [Fact]
    public async Task TwoStores_RacingConditionalUpdates_ExactlyOneWins()
    {
        await using var stores = new TwoStores();
        var name = UniqueNames.Table();
        await stores.First.GetTable(name).CreateIfNotExistsAsync();
        for (var round = 0; round < 20; round++)
        {
            var etag = await stores.First.GetTable(name).UpsertAsync(new TableEntity("p", "r") { ["Round"] = round });
            var writers = new[] { stores.First, stores.Second, stores.First, stores.Second };

            var wins = await Task.WhenAll(writers.Select(async (store, writer) =>
            {
                await Task.Yield();
                try
                {
                    await store.GetTable(name).UpdateAsync(new TableEntity("p", "r") { ["Writer"] = writer }, etag);
                    return 1;
                }
                catch (StorageException ex) when (ex.Kind == StorageErrorKind.PreconditionFailed)
                {
                    return 0;
                }
            }));

            Assert.Equal(1, wins.Sum());
        }
    }

    [Fact]
    public async Task TwoStores_ParallelReceivers_EachMessageDeliveredOnce()
    {
        await using var stores = new TwoStores();
        var name = UniqueNames.Queue();
        await stores.First.GetQueue(name).CreateIfNotExistsAsync();
        const int messages = 200;
        for (var i = 0; i < messages; i++)
        {
            await stores.First.GetQueue(name).SendAsync(BinaryData.FromString($"m{i}"));
        }

        var deliveries = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async receiver =>
        {
            var queue = (receiver % 2 == 0 ? stores.First : stores.Second).GetQueue(name);
            await Task.Yield();
            while (true)
            {
                var batch = await queue.ReceiveAsync(3, TimeSpan.FromMinutes(5));
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var message in batch)
                {
                    deliveries.Add(message.Body.ToString());
                }
            }
        }));

        Assert.Equal(messages, deliveries.Count);
        Assert.Equal(messages, deliveries.Distinct().Count());
    }

    [Fact]
    public async Task Write_WhileAnotherConnectionHoldsTheLockPastTheBusyTimeout_FailsAsThrottledAndChangesNothing()
    {
        await using var stores = new TwoStores();
        var name = UniqueNames.Table();
        await stores.First.GetTable(name).CreateIfNotExistsAsync();
        await using var impatient = new SqliteStorage(new SqliteStorageOptions { Path = stores.DatabasePath, BusyTimeout = TimeSpan.FromMilliseconds(300) });
        await using var holder = new SqliteConnection($"Data Source={stores.DatabasePath};Pooling=false");
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }

        var ex = await Assert.ThrowsAsync<StorageException>(() => impatient.GetTable(name).AddAsync(new TableEntity("p", "r")));
        await using (var rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        Assert.Equal(StorageErrorKind.Throttled, ex.Kind);
        Assert.Null(await stores.Second.GetTable(name).GetAsync("p", "r"));
    }

    /// <summary>Two stores on one file in a directory that does not exist yet.</summary>
    private sealed class TwoStores : IAsyncDisposable
    {
        private TemporaryDirectory Files { get; } = new();

        public TwoStores()
        {
            DatabasePath = Files.Path("nested", "dir", "shared.db");
            First = new SqliteStorage(new SqliteStorageOptions { Path = DatabasePath });
            Second = new SqliteStorage(new SqliteStorageOptions { Path = DatabasePath });
        }

        public string DatabasePath { get; }

        public SqliteStorage First { get; }

        public SqliteStorage Second { get; }

        public async ValueTask DisposeAsync()
        {
            await First.DisposeAsync();
            await Second.DisposeAsync();
            Files.Dispose();
        }
    }
}
