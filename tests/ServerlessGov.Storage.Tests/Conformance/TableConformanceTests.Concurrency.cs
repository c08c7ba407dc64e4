using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage.Tests.Conformance;

public abstract partial class TableConformanceTests
{
    [Fact]
    public async Task ConditionalUpdate_WritersRacingWithOneETag_ExactlyOneWins()
    {
        var table = await NewTableAsync();
        var etag = await table.AddAsync(Entity("p", "r", ("Writer", -1)));
        const int writers = 8;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, writers).Select(async writer =>
        {
            await Task.Yield();
            try
            {
                await table.UpdateAsync(Entity("p", "r", ("Writer", writer)), etag);
                return (Writer: writer, Won: true);
            }
            catch (StorageException ex) when (ex.Kind == StorageErrorKind.PreconditionFailed)
            {
                return (Writer: writer, Won: false);
            }
        }));

        var winner = Assert.Single(outcomes, o => o.Won);
        Assert.Equal(winner.Writer, (await table.GetAsync("p", "r"))!.GetInt32("Writer"));
    }

    [Fact]
    public async Task Add_RacingInsertsOfOneKey_ExactlyOneSucceeds()
    {
        var table = await NewTableAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async writer =>
        {
            await Task.Yield();
            try
            {
                await table.AddAsync(Entity("p", "r", ("Writer", writer)));
                return true;
            }
            catch (StorageException ex) when (ex.Kind == StorageErrorKind.AlreadyExists)
            {
                return false;
            }
        }));

        Assert.Single(outcomes, won => won);
    }
}
