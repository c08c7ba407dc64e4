using ServerlessGov.Storage.Azure.Tables;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Azure;

/// <summary>Filters become typed OData literals, escaped so no value can change the query's shape.</summary>
public sealed class ODataFilterTests(AzuriteStorageFixture fixture) : IClassFixture<AzuriteStorageFixture>
{
    public static TheoryData<object, string> Literals => new()
    {
        { "O'Brien", "N eq 'O''Brien'" },
        { 42, "N eq 42" },
        { 42L, "N eq 42L" },
        { -7L, "N eq -7L" },
        { 2.0, "N eq 2.0" },
        { 0.1, "N eq 0.1" },
        { 1e300, "N eq 1E+300" },
        { true, "N eq true" },
        { new DateTimeOffset(2026, 11, 23, 17, 30, 0, TimeSpan.FromHours(8)), "N eq datetime'2026-11-23T09:30:00.0000000Z'" },
        { Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), "N eq guid'6f9619ff-8b86-d011-b42d-00c04fc964ff'" },
        { new byte[] { 0x00, 0xAB, 0xFF }, "N eq X'00abff'" },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void Build_EachValueType_WritesItsTypedLiteral(object value, string expected) =>
        Assert.Equal(expected, ODataFilter.Build(TableFilter.Equal("N", value)));

    [Fact]
    public void Build_NestedLogic_ParenthesisesEveryOperand() =>
        Assert.Equal(
            "((PartitionKey eq 'p') and (not (RowKey lt 'b'))) or (N ge 3)",
            ODataFilter.Build((TableFilter.Equal("PartitionKey", "p") & !TableFilter.LessThan("RowKey", "b")) | TableFilter.GreaterThanOrEqual("N", 3)));

    [Theory]
    [InlineData("N or true")]
    [InlineData("N) or (1")]
    [InlineData("1N")]
    public void Build_PropertyNameThatIsNotAnIdentifier_IsRejected(string property)
    {
        var ex = Assert.Throws<StorageException>(() => ODataFilter.Build(TableFilter.Equal(property, 1)));
        Assert.Equal(StorageErrorKind.InvalidInput, ex.Kind);
    }

    [Fact]
    public void Build_NaN_IsRejectedAsInvalidInput()
    {
        var ex = Assert.Throws<StorageException>(() => ODataFilter.Build(TableFilter.Equal("N", double.NaN)));
        Assert.Equal(StorageErrorKind.InvalidInput, ex.Kind);
    }

    [Fact]
    public async Task Query_ValueThatLooksLikeFilterSyntax_MatchesOnlyThatExactString()
    {
        var table = fixture.Storage.GetTable(UniqueNames.Table());
        await table.CreateIfNotExistsAsync();
        const string hostile = "x' or PartitionKey ne 'nothing";
        await table.AddAsync(new TableEntity("p", "a") { ["Name"] = hostile });
        await table.AddAsync(new TableEntity("p", "b") { ["Name"] = "x" });
        await table.AddAsync(new TableEntity("p", "c") { ["Name"] = "anything" });

        var matches = await table.QueryAllAsync(new TableQuery(TableFilter.Equal("Name", hostile))).ToListAsync();

        Assert.Equal("a", Assert.Single(matches).RowKey);
    }
}
