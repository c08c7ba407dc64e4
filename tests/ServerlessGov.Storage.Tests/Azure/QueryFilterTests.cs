using ServerlessGov.Storage.Azure.Tables;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Azure;

/// <summary>Filters go to the service through the SDK's <c>CreateQueryFilter</c>, escaped so no value can change the query's shape; what the SDK cannot write exactly is checked on the returned page.</summary>
public sealed class QueryFilterTests(AzuriteStorageFixture fixture) : IClassFixture<AzuriteStorageFixture>
{
    public static TheoryData<object, string> Literals => new()
    {
        { "O'Brien", "N eq 'O''Brien'" },
        { 42, "N eq 42" },
        { true, "N eq true" },
        { new DateTimeOffset(2026, 11, 23, 17, 30, 0, TimeSpan.FromHours(8)), "N eq datetime'2026-11-23T09:30:00Z'" },
        { Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), "N eq guid'6f9619ff-8b86-d011-b42d-00c04fc964ff'" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void Split_ValueTheSdkWritesExactly_GoesToTheServerOnly(object value, string expected) =>
        Assert.Equal((expected, false), QueryFilter.Split(TableFilter.Equal("N", value)));

    [Theory]
    [InlineData(5L)]
    [InlineData(5.0)]
    [InlineData(new byte[] { 0xAB })]
    public void Split_ValueTheSdkCannotWriteExactly_StaysOffTheWireAndIsCheckedOnThePage(object value) =>
        Assert.Equal(("PartitionKey eq 'p'", true), QueryFilter.Split(TableFilter.Equal("PartitionKey", "p") & TableFilter.Equal("N", value)));

    [Fact]
    public void Split_NestedLogic_ParenthesisesEveryOperand() =>
        Assert.Equal(
            ("((PartitionKey eq 'p') and (not (RowKey lt 'b'))) or (N ge 3)", false),
            QueryFilter.Split((TableFilter.Equal("PartitionKey", "p") & !TableFilter.LessThan("RowKey", "b")) | TableFilter.GreaterThanOrEqual("N", 3)));

    [Theory]
    [InlineData("N or true")]
    [InlineData("N) or (1")]
    [InlineData("1N")]
    [InlineData("N{0}")]
    public void Split_PropertyNameThatIsNotAnIdentifier_IsRejected(string property)
    {
        var ex = Assert.Throws<StorageException>(() => QueryFilter.Split(TableFilter.Equal(property, 1)));
        Assert.Equal(StorageErrorKind.InvalidInput, ex.Kind);
    }

    [Fact]
    public async Task Query_ValueThatLooksLikeFilterSyntax_MatchesOnlyThatExactString()
    {
        var table = fixture.Storage.GetTable(UniqueNames.Table());
        await table.CreateIfNotExistsAsync();
        const string hostile = "x' or PartitionKey ne 'nothing {0}";
        await table.AddAsync(new TableEntity("p", "a") { ["Name"] = hostile });
        await table.AddAsync(new TableEntity("p", "b") { ["Name"] = "x" });
        await table.AddAsync(new TableEntity("p", "c") { ["Name"] = "anything" });

        var matches = await table.QueryAllAsync(new TableQuery(TableFilter.Equal("Name", hostile))).ToListAsync();

        Assert.Equal("a", Assert.Single(matches).RowKey);
    }
}
