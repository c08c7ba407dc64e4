using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Azure;

/// <summary>Values the SDK cannot write by itself travel the way the Table service expects them.</summary>
public sealed class AzureEntityValuesTests(AzuriteStorageFixture fixture) : IClassFixture<AzuriteStorageFixture>
{
    [Fact]
    public async Task NonFiniteDoubles_WrittenAndReadBack_AreTheSameDoubles()
    {
        var table = fixture.Storage.GetTable(UniqueNames.Table());
        await table.CreateIfNotExistsAsync();

        await table.AddAsync(new TableEntity("p", "r") { ["NaN"] = double.NaN, ["Up"] = double.PositiveInfinity, ["Down"] = double.NegativeInfinity });

        var read = (await table.GetAsync("p", "r"))!;
        Assert.Equal(double.NaN, read["NaN"]);
        Assert.Equal(double.PositiveInfinity, read["Up"]);
        Assert.Equal(double.NegativeInfinity, read["Down"]);
    }
}
