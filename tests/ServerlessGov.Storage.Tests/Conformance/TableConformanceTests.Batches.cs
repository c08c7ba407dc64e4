using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage.Tests.Conformance;

public abstract partial class TableConformanceTests
{
    [Fact]
    public async Task Batch_OfMixedOperations_AppliesAllAndReturnsETagsInOrder()
    {
        var table = await NewTableAsync();
        var etag = await table.AddAsync(Entity("p", "update", ("V", 1), ("Keep", "k")));
        await table.AddAsync(Entity("p", "delete"));
        await table.AddAsync(Entity("p", "replace", ("Old", 1)));

        var etags = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Entity("p", "add", ("V", 1))),
            new(TableTransactionActionType.UpdateMerge, Entity("p", "update", ("V", 2)), etag),
            new(TableTransactionActionType.UpdateReplace, Entity("p", "replace", ("New", 1))),
            new(TableTransactionActionType.UpsertMerge, Entity("p", "upsert", ("V", 3))),
            new(TableTransactionActionType.Delete, Entity("p", "delete")),
        ]);

        Assert.Equal(5, etags.Count);
        Assert.Null(etags[4]);
        Assert.Equal(etags[0], (await table.GetAsync("p", "add"))!.ETag);
        var updated = (await table.GetAsync("p", "update"))!;
        Assert.Equal(etags[1], updated.ETag);
        Assert.Equal(2, updated.GetInt32("V"));
        Assert.Equal("k", updated.GetString("Keep"));
        Assert.False((await table.GetAsync("p", "replace"))!.ContainsKey("Old"));
        Assert.Equal(3, (await table.GetAsync("p", "upsert"))!.GetInt32("V"));
        Assert.Null(await table.GetAsync("p", "delete"));
    }

    [Fact]
    public async Task Batch_WithOneFailingInsert_AppliesNothingAndNamesTheOperation()
    {
        var table = await NewTableAsync();
        await table.AddAsync(Entity("p", "taken", ("V", 1)));

        var ex = await ThrowsStorageAsync(StorageErrorKind.AlreadyExists, () => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Entity("p", "new1")),
            new(TableTransactionActionType.UpsertReplace, Entity("p", "new2")),
            new(TableTransactionActionType.Add, Entity("p", "taken", ("V", 2))),
            new(TableTransactionActionType.Add, Entity("p", "new3")),
        ]));

        Assert.Equal(2, ex.FailedIndex);
        Assert.Single(await QueryAllAsync(table, TableQuery.InPartition("p")));
        Assert.Equal(1, (await table.GetAsync("p", "taken"))!.GetInt32("V"));
    }

    [Fact]
    public async Task Batch_WithAStaleETag_FailsWithPreconditionFailedAndAppliesNothing()
    {
        var table = await NewTableAsync();
        var stale = await table.AddAsync(Entity("p", "r", ("V", 1)));
        await table.UpdateAsync(Entity("p", "r", ("V", 2)), stale);

        var ex = await ThrowsStorageAsync(StorageErrorKind.PreconditionFailed, () => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Entity("p", "other")),
            new(TableTransactionActionType.UpdateReplace, Entity("p", "r", ("V", 3)), stale),
        ]));

        Assert.Equal(1, ex.FailedIndex);
        Assert.Null(await table.GetAsync("p", "other"));
        Assert.Equal(2, (await table.GetAsync("p", "r"))!.GetInt32("V"));
    }

    [Fact]
    public async Task Batch_DeletingAMissingEntity_FailsWithNotFound()
    {
        var table = await NewTableAsync();

        var ex = await ThrowsStorageAsync(StorageErrorKind.NotFound, () => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Entity("p", "a")),
            new(TableTransactionActionType.Delete, Entity("p", "missing")),
        ]));

        Assert.Equal(1, ex.FailedIndex);
        Assert.Null(await table.GetAsync("p", "a"));
    }

    [Fact]
    public async Task Batch_OverTwoPartitions_IsRejectedWithTheOperationIndex()
    {
        var table = await NewTableAsync();

        var ex = await ThrowsStorageAsync(StorageErrorKind.InvalidInput, () => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Entity("p1", "a")),
            new(TableTransactionActionType.Add, Entity("p2", "a")),
        ]));

        Assert.Equal(1, ex.FailedIndex);
        Assert.Empty(await QueryAllAsync(table, new TableQuery()));
    }

    [Fact]
    public async Task Batch_NamingOneRowTwice_IsRejected()
    {
        var table = await NewTableAsync();

        var ex = await ThrowsStorageAsync(StorageErrorKind.InvalidInput, () => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Entity("p", "a")),
            new(TableTransactionActionType.UpsertMerge, Entity("p", "a")),
        ]));

        Assert.Equal(1, ex.FailedIndex);
        Assert.Null(await table.GetAsync("p", "a"));
    }

    [Fact]
    public async Task Batch_OfHundredOperations_SucceedsButHundredAndOneIsRejected()
    {
        var table = await NewTableAsync();
        List<TableTransactionAction> Adds(int count, string prefix) =>
            [.. Enumerable.Range(0, count).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Entity("p", $"{prefix}{i:D3}")))];

        await table.SubmitTransactionAsync(Adds(100, "ok"));
        await ThrowsStorageAsync(StorageErrorKind.InvalidInput, () => table.SubmitTransactionAsync(Adds(101, "no")));
        await ThrowsStorageAsync(StorageErrorKind.InvalidInput, () => table.SubmitTransactionAsync([]));

        Assert.Equal(100, (await QueryAllAsync(table, new TableQuery())).Count);
    }

    [Fact]
    public async Task Batch_OverFourMebibytes_IsRejectedAsTooLarge()
    {
        var table = await NewTableAsync();
        var actions = Enumerable.Range(0, 5).Select(i =>
        {
            var entity = Entity("p", $"r{i}");
            for (var j = 0; j < 15; j++)
            {
                entity[$"Chunk{j}"] = new byte[60 * 1024];
            }

            return new TableTransactionAction(TableTransactionActionType.Add, entity);
        }).ToList();

        await ThrowsStorageAsync(StorageErrorKind.TooLarge, () => table.SubmitTransactionAsync(actions));
        Assert.Empty(await QueryAllAsync(table, new TableQuery()));
    }

    [Fact]
    public async Task Batch_WithCurrentETagsOrETagAll_AppliesConditionalWrites()
    {
        var table = await NewTableAsync();
        var first = await table.AddAsync(Entity("p", "a", ("V", 1)));
        await table.AddAsync(Entity("p", "b", ("V", 1)));
        var third = await table.AddAsync(Entity("p", "c"));

        var etags = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpdateReplace, Entity("p", "a", ("V", 2)), first),
            new(TableTransactionActionType.UpdateMerge, Entity("p", "b", ("V", 2)), ETag.All),
            new(TableTransactionActionType.Delete, Entity("p", "c"), third),
        ]);

        Assert.NotEqual(first, etags[0]);
        Assert.Equal(2, (await table.GetAsync("p", "a"))!.GetInt32("V"));
        Assert.Equal(2, (await table.GetAsync("p", "b"))!.GetInt32("V"));
        Assert.Null(await table.GetAsync("p", "c"));
    }
}
