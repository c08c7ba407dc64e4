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
public sealed class SqliteFileSharingTests : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "serverlessgov-tests", Guid.NewGuid().ToString("N"), "nested", "dir");
    private readonly SqliteStorage _first;
    private readonly SqliteStorage _second;

    public SqliteFileSharingTests()
    {
        _first = new SqliteStorage(new SqliteStorageOptions { Path = DatabasePath });
        _second = new SqliteStorage(new SqliteStorageOptions { Path = DatabasePath });
    }

    private string DatabasePath => Path.Combine(_directory, "shared.db");

    public async ValueTask DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(_directory))!, recursive: true);
    }

    [Fact]
    public async Task Open_InAMissingDirectory_CreatesItAndRunsInWalMode()
    {
        await _first.GetTable("walcheck").CreateIfNotExistsAsync();

        Assert.True(File.Exists(DatabasePath));
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task TwoStores_SeeEachOthersTablesAndEntities()
    {
        var name = UniqueNames.Table();
        await _first.GetTable(name).CreateIfNotExistsAsync();
        Assert.False(await _second.GetTable(name).CreateIfNotExistsAsync());

        var etag = await _second.GetTable(name).AddAsync(new TableEntity("p", "r") { ["V"] = 1 });

        Assert.Equal(etag, (await _first.GetTable(name).GetAsync("p", "r"))!.ETag);
    }

    [Fact]
    public async Task TwoStores_RacingConditionalUpdates_ExactlyOneWins()
    {
        var name = UniqueNames.Table();
        await _first.GetTable(name).CreateIfNotExistsAsync();
        for (var round = 0; round < 20; round++)
        {
            var etag = await _first.GetTable(name).UpsertAsync(new TableEntity("p", "r") { ["Round"] = round });
            var stores = new[] { _first, _second, _first, _second };

            var wins = await Task.WhenAll(stores.Select(async (store, writer) =>
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
        var name = UniqueNames.Queue();
        await _first.GetQueue(name).CreateIfNotExistsAsync();
        const int messages = 200;
        for (var i = 0; i < messages; i++)
        {
            await _first.GetQueue(name).SendAsync(BinaryData.FromString($"m{i}"));
        }

        var deliveries = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async receiver =>
        {
            var queue = (receiver % 2 == 0 ? _first : _second).GetQueue(name);
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
}
