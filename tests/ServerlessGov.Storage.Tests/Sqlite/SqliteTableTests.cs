using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Sqlite;

/// <summary>Table behaviours the SQLite adapter guarantees beyond what the conformance suite can check on every adapter.</summary>
public sealed class SqliteTableTests(SqliteStorageFixture fixture) : IClassFixture<SqliteStorageFixture>
{
    private async Task<ITable> NewTableAsync()
    {
        var table = fixture.Tables.GetTable(UniqueNames.Table());
        await table.CreateIfNotExistsAsync();
        return table;
    }

    [Fact]
    public async Task Keys_AreOrderedByUtf16CodeUnitsLikeStringCompareOrdinal()
    {
        var table = await NewTableAsync();
        string[] keys = ["a", "ab", "b", "\u00e9", "\u4e2d", "\ud83d\ude00", "\ue000", "\uffef", "A", "", "\ud7ff"];
        foreach (var key in keys)
        {
            await table.AddAsync(new TableEntity("p", key));
        }

        var found = new List<string>();
        await foreach (var entity in table.QueryAllAsync(TableQuery.InPartition("p", pageSize: 3)))
        {
            found.Add(entity.RowKey);
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), found);
    }

    [Fact]
    public async Task RowKeyPrefix_IncludesKeysWithCharactersBeyondTheBasicPlane()
    {
        var table = await NewTableAsync();
        await table.AddAsync(new TableEntity("p", "x\ud83d\ude00"));
        await table.AddAsync(new TableEntity("p", "x\uffee"));
        await table.AddAsync(new TableEntity("p", "y"));

        var found = new List<string>();
        await foreach (var entity in table.QueryAllAsync(TableQuery.RowKeyPrefix("p", "x")))
        {
            found.Add(entity.RowKey);
        }

        Assert.Equal(["x\ud83d\ude00", "x\uffee"], found);
    }

    [Fact]
    public async Task Query_WithAMalformedContinuationToken_FailsWithInvalidInput()
    {
        var table = await NewTableAsync();

        var ex = await Assert.ThrowsAsync<StorageException>(() => table.QueryAsync(new TableQuery(ContinuationToken: "not a token!")));

        Assert.Equal(StorageErrorKind.InvalidInput, ex.Kind);
    }

    [Fact]
    public async Task Paging_AcrossPartitionsWithARowKeyFilter_ResumesWhereItStopped()
    {
        var table = await NewTableAsync();
        for (var p = 0; p < 5; p++)
        {
            var actions = Enumerable.Range(0, 40)
                .Select(r => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity($"p{p}", $"r{r:D2}")))
                .ToList();
            await table.SubmitTransactionAsync(actions);
        }

        var filter = TableFilter.GreaterThanOrEqual("PartitionKey", "p1") & TableFilter.LessThan("PartitionKey", "p4")
            & TableFilter.GreaterThanOrEqual("RowKey", "r10") & TableFilter.LessThan("RowKey", "r20");
        var found = new List<string>();
        await foreach (var entity in table.QueryAllAsync(new TableQuery(filter, PageSize: 4)))
        {
            found.Add($"{entity.PartitionKey}/{entity.RowKey}");
        }

        var expected = from p in new[] { 1, 2, 3 } from r in Enumerable.Range(10, 10) select $"p{p}/r{r:D2}";
        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task Merge_ThatWouldExceed252Properties_IsRejectedAndKeepsTheEntity()
    {
        var table = await NewTableAsync();
        var full = new TableEntity("p", "r");
        for (var i = 0; i < TableRules.MaxCustomProperties; i++)
        {
            full[$"P{i}"] = i;
        }

        await table.AddAsync(full);

        var ex = await Assert.ThrowsAsync<StorageException>(() => table.UpdateAsync(new TableEntity("p", "r") { ["Extra"] = 1 }, ETag.All));

        Assert.Equal(StorageErrorKind.TooLarge, ex.Kind);
        Assert.False((await table.GetAsync("p", "r"))!.ContainsKey("Extra"));
    }

    [Fact]
    public async Task ConcurrentWrites_SharingACommit_OneThatFailsIsUndoneAloneAndTheRestAreKept()
    {
        // 64 inserts at once share commits (the writer takes every queued write into one transaction); every eighth
        // names a row that exists, and must fail without taking its neighbours with it.
        var table = await NewTableAsync();
        await table.AddAsync(new TableEntity("p", "taken") { ["N"] = -1 });

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            try
            {
                await table.AddAsync(new TableEntity("p", i % 8 == 0 ? "taken" : $"r{i:D2}") { ["N"] = i });
                return (StorageErrorKind?)null;
            }
            catch (StorageException ex)
            {
                return ex.Kind;
            }
        })));

        Assert.Equal(8, outcomes.Count(o => o == StorageErrorKind.AlreadyExists));
        Assert.Equal(56, outcomes.Count(o => o is null));
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAllAsync(new TableQuery()))
        {
            rows.Add(row);
        }

        Assert.Equal(57, rows.Count);
        Assert.Equal(-1, rows.Single(r => r.RowKey == "taken")["N"]);
    }

    [Fact]
    public async Task Key_WithALoneSurrogate_RoundTripsUnchanged()
    {
        var table = await NewTableAsync();
        const string key = "half\ud800";

        await table.AddAsync(new TableEntity(key, key) { ["S"] = key });

        Assert.Equal(key, (await table.GetAsync(key, key))!.GetString("S"));
    }
}
