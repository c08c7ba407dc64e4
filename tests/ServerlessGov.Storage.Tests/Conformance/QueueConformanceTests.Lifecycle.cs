namespace ServerlessGov.Storage.Tests.Conformance;

public abstract partial class QueueConformanceTests
{
    [Fact]
    public async Task CreateAndDelete_ReportWhetherTheQueueExisted()
    {
        var queue = Fixture.Queues.GetQueue(Testing.Storage.UniqueNames.Queue());

        Assert.True(await queue.CreateIfNotExistsAsync());
        Assert.False(await queue.CreateIfNotExistsAsync());
        Assert.True(await queue.DeleteIfExistsAsync());
        Assert.False(await queue.DeleteIfExistsAsync());
    }

    [Fact]
    public async Task MissingQueue_MessageCalls_FailWithNotFound()
    {
        var queue = Fixture.Queues.GetQueue(Testing.Storage.UniqueNames.Queue());

        await ThrowsStorageAsync(StorageErrorKind.NotFound, () => queue.SendAsync(BinaryData.FromString("x")));
        await ThrowsStorageAsync(StorageErrorKind.NotFound, () => queue.ReceiveAsync());
        await ThrowsStorageAsync(StorageErrorKind.NotFound, () => queue.PeekAsync());
        await ThrowsStorageAsync(StorageErrorKind.NotFound, () => queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task DeleteIfExists_DropsTheMessages()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(BinaryData.FromString("x"));

        await queue.DeleteIfExistsAsync();
        await queue.CreateIfNotExistsAsync();

        Assert.Empty(await queue.ReceiveAsync());
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("UpperCase")]
    [InlineData("double--hyphen")]
    [InlineData("-leading")]
    [InlineData("under_score")]
    public void GetQueue_InvalidName_FailsWithInvalidInput(string name)
    {
        var ex = Assert.Throws<StorageException>(() => Fixture.Queues.GetQueue(name));

        Assert.Equal(StorageErrorKind.InvalidInput, ex.Kind);
    }

    [Fact]
    public async Task ApproximateCount_CountsVisibleAndInvisibleMessages()
    {
        var queue = await NewQueueAsync();
        for (var i = 0; i < 3; i++)
        {
            await queue.SendAsync(BinaryData.FromString($"m{i}"));
        }

        await queue.SendAsync(BinaryData.FromString("later"), visibilityDelay: TimeSpan.FromMinutes(5));
        await queue.ReceiveAsync(1, TimeSpan.FromMinutes(5));

        Assert.Equal(4, await queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task Clear_RemovesEveryMessage()
    {
        var queue = await NewQueueAsync();
        for (var i = 0; i < 5; i++)
        {
            await queue.SendAsync(BinaryData.FromString($"m{i}"));
        }

        await queue.ReceiveAsync(2, TimeSpan.FromMinutes(5));
        await queue.ClearAsync();

        Assert.Equal(0, await queue.GetApproximateCountAsync());
        Assert.Empty(await queue.PeekAsync(32));
    }
}
