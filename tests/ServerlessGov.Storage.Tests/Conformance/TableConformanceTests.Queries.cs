using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage.Tests.Conformance;

public abstract partial class TableConformanceTests
{
    [Fact]
    public async Task QueryInPartition_ReturnsOnlyThatPartitionInRowKeyOrder()
    {
        var table = await NewTableAsync();
        foreach (var rowKey in new[] { "c", "a", "B", "b" })
        {
            await table.AddAsync(Entity("mine", rowKey));
            await table.AddAsync(Entity("other", rowKey));
        }

        var found = await QueryAllAsync(table, TableQuery.InPartition("mine"));

        Assert.All(found, e => Assert.Equal("mine", e.PartitionKey));
        Assert.Equal(["B", "a", "b", "c"], found.Select(e => e.RowKey));
    }

    [Fact]
    public async Task QueryAcrossPartitions_ReturnsEveryEntityInPartitionThenRowKeyOrder()
    {
        var table = await NewTableAsync();
        foreach (var (pk, rk) in new[] { ("p2", "a"), ("p1", "b"), ("p10", "a"), ("p1", "a") })
        {
            await table.AddAsync(Entity(pk, rk));
        }

        var found = await QueryAllAsync(table, new TableQuery());

        Assert.Equal(["p1/a", "p1/b", "p10/a", "p2/a"], found.Select(e => $"{e.PartitionKey}/{e.RowKey}"));
    }

    [Fact]
    public async Task RowKeyRangeAndPrefix_ReturnExactlyTheRowsInside()
    {
        var table = await NewTableAsync();
        foreach (var rowKey in new[] { "order-001", "order-002", "order-010", "orders", "other", "ord" })
        {
            await table.AddAsync(Entity("p", rowKey));
        }

        var range = await QueryAllAsync(table, TableQuery.RowKeyRange("p", "order-002", "order-010"));
        var prefix = await QueryAllAsync(table, TableQuery.RowKeyPrefix("p", "order-"));

        Assert.Equal(["order-002"], range.Select(e => e.RowKey));
        Assert.Equal(["order-001", "order-002", "order-010"], prefix.Select(e => e.RowKey));
    }

    [Fact]
    public async Task ComparisonFilters_OnNumbers_SelectTheRightEntities()
    {
        var table = await NewTableAsync();
        for (var i = 0; i < 10; i++)
        {
            await table.AddAsync(Entity("p", $"r{i}", ("N", i)));
        }

        async Task<IEnumerable<int>> Ns(TableFilter filter) =>
            (await QueryAllAsync(table, new TableQuery(filter))).Select(e => e.GetInt32("N")!.Value).Order();

        Assert.Equal([3], await Ns(TableFilter.Equal("N", 3)));
        Assert.Equal(9, (await Ns(TableFilter.NotEqual("N", 3))).Count());
        Assert.Equal([7, 8, 9], await Ns(TableFilter.GreaterThan("N", 6)));
        Assert.Equal([6, 7, 8, 9], await Ns(TableFilter.GreaterThanOrEqual("N", 6)));
        Assert.Equal([0, 1], await Ns(TableFilter.LessThan("N", 2)));
        Assert.Equal([0, 1, 2], await Ns(TableFilter.LessThanOrEqual("N", 2)));
    }

    [Fact]
    public async Task LogicalFilters_AndOrNot_CombineAsWritten()
    {
        var table = await NewTableAsync();
        for (var i = 0; i < 10; i++)
        {
            await table.AddAsync(Entity("p", $"r{i}", ("N", i), ("Even", i % 2 == 0)));
        }

        async Task<IEnumerable<int>> Ns(TableFilter filter) =>
            (await QueryAllAsync(table, new TableQuery(filter))).Select(e => e.GetInt32("N")!.Value).Order();

        Assert.Equal([4, 6], await Ns(TableFilter.GreaterThan("N", 3) & TableFilter.LessThan("N", 8) & TableFilter.Equal("Even", true)));
        Assert.Equal([0, 9], await Ns(TableFilter.Equal("N", 0) | TableFilter.Equal("N", 9)));
        Assert.Equal([1, 3, 5, 7, 9], await Ns(!TableFilter.Equal("Even", true)));
        Assert.Equal([0, 1, 8, 9], await Ns(!(TableFilter.GreaterThan("N", 1) & TableFilter.LessThan("N", 8))));
    }

    [Fact]
    public async Task StringRangeFilter_OnAProperty_ComparesOrdinally()
    {
        var table = await NewTableAsync();
        foreach (var (rk, city) in new[] { ("1", "Beijing"), ("2", "Shanghai"), ("3", "beijing"), ("4", "Chengdu") })
        {
            await table.AddAsync(Entity("p", rk, ("City", city)));
        }

        var found = await QueryAllAsync(table, new TableQuery(
            TableFilter.GreaterThanOrEqual("City", "C") & TableFilter.LessThan("City", "a")));

        Assert.Equal(["Chengdu", "Shanghai"], found.Select(e => e.GetString("City")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task NumberFilter_OfAnotherWidth_DoesNotMatch()
    {
        var table = await NewTableAsync();
        await table.AddAsync(Entity("p", "int", ("N", 5)));
        await table.AddAsync(Entity("p", "long", ("N", 5L)));

        var intMatches = await QueryAllAsync(table, new TableQuery(TableFilter.Equal("N", 5)));
        var longMatches = await QueryAllAsync(table, new TableQuery(TableFilter.Equal("N", 5L)));

        Assert.Equal("int", Assert.Single(intMatches).RowKey);
        Assert.Equal("long", Assert.Single(longMatches).RowKey);
    }

    [Fact]
    public async Task Filter_OnAMissingProperty_MatchesNothing()
    {
        var table = await NewTableAsync();
        await table.AddAsync(Entity("p", "with", ("N", 1)));
        await table.AddAsync(Entity("p", "without"));

        Assert.Equal("with", Assert.Single(await QueryAllAsync(table, new TableQuery(TableFilter.GreaterThan("N", 0)))).RowKey);
        Assert.Empty(await QueryAllAsync(table, new TableQuery(TableFilter.Equal("Missing", 1))));
    }

    [Fact]
    public async Task Filters_OnGuidBoolInstantAndTimestamp_Match()
    {
        var table = await NewTableAsync();
        var guid = Guid.NewGuid();
        var due = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        await table.AddAsync(Entity("p", "a", ("G", guid), ("Flag", true), ("Due", due)));
        await table.AddAsync(Entity("p", "b", ("G", Guid.NewGuid()), ("Flag", false), ("Due", due.AddDays(1))));
        var first = (await table.GetAsync("p", "a"))!;

        Assert.Equal("a", Assert.Single(await QueryAllAsync(table, new TableQuery(TableFilter.Equal("G", guid)))).RowKey);
        Assert.Equal("b", Assert.Single(await QueryAllAsync(table, new TableQuery(TableFilter.Equal("Flag", false)))).RowKey);
        Assert.Equal("b", Assert.Single(await QueryAllAsync(table, new TableQuery(TableFilter.GreaterThan("Due", due)))).RowKey);
        Assert.Equal(2, (await QueryAllAsync(table, new TableQuery(TableFilter.GreaterThanOrEqual("Timestamp", first.Timestamp!.Value)))).Count);
        Assert.Empty(await QueryAllAsync(table, new TableQuery(TableFilter.LessThan("Timestamp", first.Timestamp!.Value))));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(7)]
    public async Task Paging_ThroughMoreThanAThousandEntities_ReturnsEachOnceInOrder(int pageSize)
    {
        var table = await NewTableAsync();
        const int count = 2500;
        await InsertManyAsync(table, "p", count, i => i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture));

        var seen = new List<int>();
        var pages = 0;
        var query = TableQuery.InPartition("p", pageSize);
        while (true)
        {
            var page = await table.QueryAsync(query);
            pages++;
            Assert.True(page.Items.Count <= pageSize);
            seen.AddRange(page.Items.Select(e => e.GetInt32("N")!.Value));
            if (page.ContinuationToken is null)
            {
                break;
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }

        Assert.Equal(Enumerable.Range(0, count), seen);
        Assert.True(pages >= (count + pageSize - 1) / pageSize);
    }

    [Fact]
    public async Task Paging_WithAFilter_ReturnsEveryMatchOnce()
    {
        var table = await NewTableAsync();
        await InsertManyAsync(table, "p", 300, i => i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));

        var found = await QueryAllAsync(table, new TableQuery(TableFilter.GreaterThanOrEqual("N", 150), PageSize: 10));

        Assert.Equal(Enumerable.Range(150, 150), found.Select(e => e.GetInt32("N")!.Value));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task Query_PageSizeOutOfRange_FailsWithInvalidInput(int pageSize)
    {
        var table = await NewTableAsync();

        await ThrowsStorageAsync(StorageErrorKind.InvalidInput, () => table.QueryAsync(new TableQuery(PageSize: pageSize)));
    }

    [Fact]
    public async Task QueryResults_CarryTheETagAndTimestampOfTheLastWrite()
    {
        var table = await NewTableAsync();
        await table.AddAsync(Entity("p", "r", ("V", 1)));
        var etag = await table.UpdateAsync(Entity("p", "r", ("V", 2)), ETag.All);

        var found = Assert.Single(await QueryAllAsync(table, TableQuery.InPartition("p")));

        Assert.Equal(etag, found.ETag);
        Assert.NotNull(found.Timestamp);
        await table.UpdateAsync(Entity("p", "r", ("V", 3)), found.ETag);
    }
}
