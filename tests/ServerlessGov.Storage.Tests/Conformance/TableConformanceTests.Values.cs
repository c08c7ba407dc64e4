using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage.Tests.Conformance;

public abstract partial class TableConformanceTests
{
    [Fact]
    public async Task EveryPropertyType_RoundTripsExactly()
    {
        var table = await NewTableAsync();
        var instant = new DateTimeOffset(2026, 3, 1, 8, 30, 15, TimeSpan.Zero).AddTicks(1234567);
        var guid = Guid.NewGuid();
        byte[] bytes = [0, 1, 2, 254, 255];
        await table.AddAsync(Entity("p", "r",
            ("S", "text"), ("I", int.MinValue), ("L", long.MaxValue), ("D", 0.1 + 0.2), ("B", true),
            ("T", instant), ("G", guid), ("Bin", bytes), ("Big", 1e300), ("Neg", -42L)));

        var read = (await table.GetAsync("p", "r"))!;

        Assert.Equal("text", read["S"]);
        Assert.Equal(int.MinValue, read["I"]);
        Assert.Equal(long.MaxValue, read["L"]);
        Assert.Equal(0.1 + 0.2, read["D"]);
        Assert.Equal(true, read["B"]);
        Assert.Equal(instant, read["T"]);
        Assert.Equal(guid, read["G"]);
        Assert.Equal(bytes, read["Bin"]);
        Assert.Equal(1e300, read["Big"]);
        Assert.Equal(-42L, read["Neg"]);
    }

    [Fact]
    public async Task IntAndLong_KeepTheirTypes()
    {
        var table = await NewTableAsync();
        await table.AddAsync(Entity("p", "r", ("AsInt", 5), ("AsLong", 5L), ("AsDouble", 5.0)));

        var read = (await table.GetAsync("p", "r"))!;

        Assert.IsType<int>(read["AsInt"]);
        Assert.IsType<long>(read["AsLong"]);
        Assert.IsType<double>(read["AsDouble"]);
    }

    [Fact]
    public async Task Instant_WithAnOffset_IsStoredAsTheSameUtcInstant()
    {
        var table = await NewTableAsync();
        var shanghai = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.FromHours(8));
        await table.AddAsync(Entity("p", "r", ("T", shanghai)));

        var read = (await table.GetAsync("p", "r"))!.GetDateTimeOffset("T")!.Value;

        Assert.Equal(shanghai.UtcDateTime, read.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, read.Offset);
    }

    [Theory]
    [InlineData("O'Brien", "it's")]
    [InlineData("北京市", "朝阳区")]
    [InlineData("emoji😀", "🎉party")]
    [InlineData("with space", "''")]
    [InlineData("p", "")]
    public async Task Keys_WithQuotesUnicodeOrEmpty_RoundTripAndMatchFilters(string partitionKey, string rowKey)
    {
        var table = await NewTableAsync();
        await table.AddAsync(Entity(partitionKey, rowKey, ("V", 1)));
        await table.AddAsync(Entity(partitionKey + "x", rowKey, ("V", 2)));

        var read = await table.GetAsync(partitionKey, rowKey);
        var found = await QueryAllAsync(table, new TableQuery(
            TableFilter.Equal("PartitionKey", partitionKey) & TableFilter.Equal("RowKey", rowKey)));

        Assert.Equal(1, read!.GetInt32("V"));
        var only = Assert.Single(found);
        Assert.Equal(partitionKey, only.PartitionKey);
        Assert.Equal(rowKey, only.RowKey);
        Assert.True(await table.DeleteAsync(partitionKey, rowKey));
    }

    [Fact]
    public async Task StringValues_WithQuotesUnicodeAndEmpty_RoundTripAndMatchFilters()
    {
        var table = await NewTableAsync();
        string[] values = ["it's 'quoted'", "免申即享", "🙂👍🏽", "", "a\"b\\c", "line\nbreak"];
        for (var i = 0; i < values.Length; i++)
        {
            await table.AddAsync(Entity("p", $"r{i}", ("S", values[i])));
        }

        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], (await table.GetAsync("p", $"r{i}"))!.GetString("S"));
            var match = Assert.Single(await QueryAllAsync(table, new TableQuery(TableFilter.Equal("S", values[i]))));
            Assert.Equal($"r{i}", match.RowKey);
        }
    }

    [Fact]
    public async Task Replace_WithPropertySetToNull_RemovesTheProperty()
    {
        var table = await NewTableAsync();
        await table.AddAsync(Entity("p", "r", ("A", "a"), ("B", "b")));
        var update = Entity("p", "r", ("A", "a"), ("B", "b"));
        update["B"] = null;

        await table.UpdateAsync(update, ETag.All, TableUpdateMode.Replace);

        Assert.False((await table.GetAsync("p", "r"))!.ContainsKey("B"));
    }
}
