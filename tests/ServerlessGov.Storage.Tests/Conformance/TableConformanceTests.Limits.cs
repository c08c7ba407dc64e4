using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage.Tests.Conformance;

public abstract partial class TableConformanceTests
{
    [Fact]
    public async Task Key_LongerThanOneKibibyte_IsRejectedWithInvalidInput()
    {
        var table = await NewTableAsync();
        var tooLong = new string('k', TableRules.MaxKeyLength + 1);

        var ex = await ThrowsStorageAsync(StorageErrorKind.InvalidInput, () => table.AddAsync(Entity(tooLong, "r")));
        await ThrowsStorageAsync(StorageErrorKind.InvalidInput, () => table.AddAsync(Entity("p", tooLong)));

        Assert.Contains("1024", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0001b")]
    [InlineData("a\tb")]
    public async Task Key_WithAForbiddenCharacter_IsRejectedWithInvalidInput(string key)
    {
        var table = await NewTableAsync();

        await ThrowsStorageAsync(StorageErrorKind.InvalidInput, () => table.AddAsync(Entity(key, "r")));
        await ThrowsStorageAsync(StorageErrorKind.InvalidInput, () => table.UpsertAsync(Entity("p", key)));
        Assert.Empty(await QueryAllAsync(table, new TableQuery()));
    }

    [Fact]
    public async Task Entity_With252PropertiesIsAcceptedAnd253Rejected()
    {
        var table = await NewTableAsync();
        var full = Entity("p", "full");
        for (var i = 0; i < TableRules.MaxCustomProperties; i++)
        {
            full[$"P{i}"] = i;
        }

        await table.AddAsync(full);
        Assert.Equal(252, (await table.GetAsync("p", "full"))!.Count);

        var over = full.Clone();
        over["OneMore"] = 1;
        var ex = await ThrowsStorageAsync(StorageErrorKind.TooLarge, () => table.UpsertAsync(over));
        Assert.Contains("252", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LargeEntityOfChineseText_ReadsBackCharacterForCharacter()
    {
        // Fifteen properties of 32,768 CJK characters each: close to 1 MiB stored, well over one network read on the
        // wire, so a store that decodes the body piece by piece would split characters (Azurite 3.37 does).
        var table = await NewTableAsync();
        var text = string.Concat(Enumerable.Repeat("免申即享补贴", TableRules.MaxPropertyBytes / 2 / 6)) + "免申";
        Assert.Equal(TableRules.MaxPropertyBytes / 2, text.Length);
        var properties = Enumerable.Range(0, 15).Select(i => ($"T{i:00}", (object)text)).ToArray();

        await table.AddAsync(Entity("p", "chinese", properties));

        var read = (await table.GetAsync("p", "chinese"))!;
        foreach (var (name, _) in properties)
        {
            Assert.Equal(text, read.GetString(name));
        }
    }

    [Fact]
    public async Task StringOrBinaryProperty_Over64KiB_IsRejectedAsTooLarge()
    {
        var table = await NewTableAsync();
        await table.AddAsync(Entity("p", "max", ("S", new string('x', TableRules.MaxPropertyBytes / 2)), ("B", new byte[TableRules.MaxPropertyBytes])));

        await ThrowsStorageAsync(StorageErrorKind.TooLarge, () => table.AddAsync(Entity("p", "s", ("S", new string('x', (TableRules.MaxPropertyBytes / 2) + 1)))));
        await ThrowsStorageAsync(StorageErrorKind.TooLarge, () => table.AddAsync(Entity("p", "b", ("B", new byte[TableRules.MaxPropertyBytes + 1]))));

        Assert.Equal(TableRules.MaxPropertyBytes, (await table.GetAsync("p", "max"))!.GetBinary("B")!.Length);
    }

    [Fact]
    public async Task Entity_OverOneMebibyte_IsRejectedAsTooLarge()
    {
        var table = await NewTableAsync();
        var entity = Entity("p", "r");
        for (var i = 0; i < 17; i++)
        {
            entity[$"Chunk{i}"] = new byte[63 * 1024];
        }

        var ex = await ThrowsStorageAsync(StorageErrorKind.TooLarge, () => table.AddAsync(entity));

        Assert.Contains("limit", ex.Message, StringComparison.Ordinal);
        Assert.Null(await table.GetAsync("p", "r"));
    }

    [Theory]
    [InlineData("1starts-with-digit")]
    [InlineData("has space")]
    [InlineData("Timestamp")]
    [InlineData("PartitionKey")]
    public async Task PropertyName_InvalidOrReserved_IsRejectedWithInvalidInput(string name)
    {
        var table = await NewTableAsync();
        var entity = Entity("p", "r");
        entity[name] = 1;

        await ThrowsStorageAsync(StorageErrorKind.InvalidInput, () => table.AddAsync(entity));
    }
}
