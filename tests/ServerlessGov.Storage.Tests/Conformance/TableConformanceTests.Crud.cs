using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Conformance;

public abstract partial class TableConformanceTests
{
    [Fact]
    public async Task Add_NewEntity_IsReadBackWithETagAndTimestamp()
    {
        var table = await NewTableAsync();
        var etag = await table.AddAsync(Entity("p", "r", ("Name", "Ada")));

        var read = await table.GetAsync("p", "r");

        Assert.NotNull(read);
        Assert.Equal("Ada", read.GetString("Name"));
        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal(TimeSpan.Zero, read.Timestamp.Value.Offset);
    }

    [Fact]
    public async Task Add_ExistingKeys_FailsWithAlreadyExistsAndKeepsOriginal()
    {
        var table = await NewTableAsync();
        await table.AddAsync(Entity("p", "r", ("V", 1)));

        var ex = await ThrowsStorageAsync(StorageErrorKind.AlreadyExists, () => table.AddAsync(Entity("p", "r", ("V", 2))));

        Assert.Equal(409, ex.Status);
        Assert.Equal(1, (await table.GetAsync("p", "r"))!.GetInt32("V"));
    }

    [Fact]
    public async Task Get_MissingEntity_ReturnsNull()
    {
        var table = await NewTableAsync();

        Assert.Null(await table.GetAsync("p", "nothing-here"));
    }

    [Fact]
    public async Task MissingTable_EveryEntityCall_FailsWithNotFound()
    {
        var table = Fixture.Tables.GetTable(UniqueNames.Table());

        await ThrowsStorageAsync(StorageErrorKind.NotFound, () => table.GetAsync("p", "r"));
        await ThrowsStorageAsync(StorageErrorKind.NotFound, () => table.AddAsync(Entity("p", "r")));
        await ThrowsStorageAsync(StorageErrorKind.NotFound, () => table.UpsertAsync(Entity("p", "r")));
        await ThrowsStorageAsync(StorageErrorKind.NotFound, () => table.DeleteAsync("p", "r"));
        await ThrowsStorageAsync(StorageErrorKind.NotFound, () => table.QueryAsync(new TableQuery()));
    }

    [Fact]
    public async Task CreateIfNotExists_SecondTimeOrOtherCase_ReturnsFalseAndSharesTheTable()
    {
        var name = UniqueNames.Table("Case");
        var table = Fixture.Tables.GetTable(name);
        Assert.True(await table.CreateIfNotExistsAsync());
        Assert.False(await table.CreateIfNotExistsAsync());

        var sameTableOtherCase = Fixture.Tables.GetTable(name.ToUpperInvariant());
        Assert.False(await sameTableOtherCase.CreateIfNotExistsAsync());
        await table.AddAsync(Entity("p", "r"));

        Assert.NotNull(await sameTableOtherCase.GetAsync("p", "r"));
    }

    [Fact]
    public async Task DeleteIfExists_ExistingThenMissing_ReturnsTrueThenFalseAndDropsEntities()
    {
        var table = await NewTableAsync();
        await table.AddAsync(Entity("p", "r"));

        Assert.True(await table.DeleteIfExistsAsync());
        Assert.False(await table.DeleteIfExistsAsync());
        await ThrowsStorageAsync(StorageErrorKind.NotFound, () => table.GetAsync("p", "r"));
    }

    [Fact]
    public void GetTable_InvalidName_FailsWithInvalidInput()
    {
        foreach (var bad in new[] { "ab", "1abc", "has-dash", "tables", new string('a', 64) })
        {
            var ex = Assert.Throws<StorageException>(() => Fixture.Tables.GetTable(bad));
            Assert.Equal(StorageErrorKind.InvalidInput, ex.Kind);
        }
    }

    [Fact]
    public async Task UpdateMerge_KeepsPropertiesTheUpdateLacks()
    {
        var table = await NewTableAsync();
        var etag = await table.AddAsync(Entity("p", "r", ("A", "a"), ("B", 1)));

        await table.UpdateAsync(Entity("p", "r", ("B", 2), ("C", true)), etag, TableUpdateMode.Merge);

        var read = (await table.GetAsync("p", "r"))!;
        Assert.Equal("a", read.GetString("A"));
        Assert.Equal(2, read.GetInt32("B"));
        Assert.True(read.GetBoolean("C"));
    }

    [Fact]
    public async Task UpdateReplace_DropsPropertiesTheUpdateLacks()
    {
        var table = await NewTableAsync();
        var etag = await table.AddAsync(Entity("p", "r", ("A", "a"), ("B", 1)));

        await table.UpdateAsync(Entity("p", "r", ("B", 2)), etag, TableUpdateMode.Replace);

        var read = (await table.GetAsync("p", "r"))!;
        Assert.False(read.ContainsKey("A"));
        Assert.Equal(2, read.GetInt32("B"));
        Assert.Equal(1, read.Count);
    }

    [Fact]
    public async Task Update_MissingEntity_FailsWithNotFound()
    {
        var table = await NewTableAsync();

        await ThrowsStorageAsync(StorageErrorKind.NotFound, () => table.UpdateAsync(Entity("p", "r"), ETag.All));
        Assert.Null(await table.GetAsync("p", "r"));
    }

    [Fact]
    public async Task Update_StaleETag_FailsWithPreconditionFailedButETagAllSucceeds()
    {
        var table = await NewTableAsync();
        var first = await table.AddAsync(Entity("p", "r", ("V", 1)));
        await table.UpdateAsync(Entity("p", "r", ("V", 2)), first);

        var ex = await ThrowsStorageAsync(StorageErrorKind.PreconditionFailed, () => table.UpdateAsync(Entity("p", "r", ("V", 3)), first));
        Assert.Equal(412, ex.Status);
        Assert.Equal(2, (await table.GetAsync("p", "r"))!.GetInt32("V"));

        await table.UpdateAsync(Entity("p", "r", ("V", 4)), ETag.All, TableUpdateMode.Replace);
        Assert.Equal(4, (await table.GetAsync("p", "r"))!.GetInt32("V"));
    }

    [Fact]
    public async Task EveryWrite_IssuesANewETagThatTheReadReturns()
    {
        var table = await NewTableAsync();
        var seen = new HashSet<string>
        {
            (await table.AddAsync(Entity("p", "r", ("V", 1)))).Value,
        };
        seen.Add((await table.UpdateAsync(Entity("p", "r", ("V", 1)), ETag.All)).Value);
        seen.Add((await table.UpdateAsync(Entity("p", "r", ("V", 1)), ETag.All, TableUpdateMode.Replace)).Value);
        seen.Add((await table.UpsertAsync(Entity("p", "r", ("V", 1)))).Value);
        var last = await table.UpsertAsync(Entity("p", "r", ("V", 1)), TableUpdateMode.Replace);
        seen.Add(last.Value);

        Assert.Equal(5, seen.Count);
        Assert.Equal(last, (await table.GetAsync("p", "r"))!.ETag);
    }

    [Fact]
    public async Task Upsert_MissingEntity_InsertsInBothModes()
    {
        var table = await NewTableAsync();

        await table.UpsertAsync(Entity("p", "merge", ("V", 1)), TableUpdateMode.Merge);
        await table.UpsertAsync(Entity("p", "replace", ("V", 2)), TableUpdateMode.Replace);

        Assert.Equal(1, (await table.GetAsync("p", "merge"))!.GetInt32("V"));
        Assert.Equal(2, (await table.GetAsync("p", "replace"))!.GetInt32("V"));
    }

    [Fact]
    public async Task Upsert_ExistingEntity_MergeKeepsAndReplaceDropsOtherProperties()
    {
        var table = await NewTableAsync();
        await table.AddAsync(Entity("p", "m", ("A", "a"), ("B", 1)));
        await table.AddAsync(Entity("p", "x", ("A", "a"), ("B", 1)));

        await table.UpsertAsync(Entity("p", "m", ("B", 2)), TableUpdateMode.Merge);
        await table.UpsertAsync(Entity("p", "x", ("B", 2)), TableUpdateMode.Replace);

        var merged = (await table.GetAsync("p", "m"))!;
        var replaced = (await table.GetAsync("p", "x"))!;
        Assert.Equal("a", merged.GetString("A"));
        Assert.Equal(2, merged.GetInt32("B"));
        Assert.False(replaced.ContainsKey("A"));
        Assert.Equal(2, replaced.GetInt32("B"));
    }

    [Fact]
    public async Task Delete_ExistingThenMissing_ReturnsTrueThenFalse()
    {
        var table = await NewTableAsync();
        await table.AddAsync(Entity("p", "r"));

        Assert.True(await table.DeleteAsync("p", "r"));
        Assert.False(await table.DeleteAsync("p", "r"));
        Assert.Null(await table.GetAsync("p", "r"));
    }

    [Fact]
    public async Task Delete_StaleETag_FailsWithPreconditionFailedAndKeepsEntity()
    {
        var table = await NewTableAsync();
        var stale = await table.AddAsync(Entity("p", "r", ("V", 1)));
        var current = await table.UpdateAsync(Entity("p", "r", ("V", 2)), stale);

        await ThrowsStorageAsync(StorageErrorKind.PreconditionFailed, () => table.DeleteAsync("p", "r", stale));
        Assert.NotNull(await table.GetAsync("p", "r"));

        Assert.True(await table.DeleteAsync("p", "r", current));
        Assert.Null(await table.GetAsync("p", "r"));
    }
}
