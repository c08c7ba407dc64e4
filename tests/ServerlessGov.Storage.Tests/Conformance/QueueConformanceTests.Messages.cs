using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Storage.Tests.Conformance;

public abstract partial class QueueConformanceTests
{
    [Fact]
    public async Task Send_ThenReceive_DeliversBodyWithReceiptCountAndTimes()
    {
        var queue = await NewQueueAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var sent = await queue.SendAsync(BinaryData.FromString("免申即享 payout 'A'"));

        var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));

        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal("免申即享 payout 'A'", message.Body.ToString());
        Assert.Equal(1, message.DequeueCount);
        Assert.False(string.IsNullOrEmpty(message.PopReceipt));
        Assert.InRange(message.InsertedOn, before, DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.NotNull(message.ExpiresOn);
        Assert.InRange(message.ExpiresOn.Value, message.InsertedOn.AddDays(7).AddSeconds(-5), message.InsertedOn.AddDays(7).AddSeconds(5));
        Assert.True(message.NextVisibleOn > DateTimeOffset.UtcNow.AddSeconds(20));
    }

    [Fact]
    public async Task Receive_FromAnEmptyQueue_ReturnsNothing()
    {
        var queue = await NewQueueAsync();

        Assert.Empty(await queue.ReceiveAsync(32));
    }

    [Fact]
    public async Task Body_WithArbitraryBytes_RoundTrips()
    {
        var queue = await NewQueueAsync();
        byte[] body = [0, 255, 1, 0x80, 0x0a, 0x3c, 0x26];
        await queue.SendAsync(new BinaryData(body));

        var message = Assert.Single(await queue.ReceiveAsync());

        Assert.Equal(body, message.Body.ToArray());
    }

    [Fact]
    public async Task Receive_Many_ReturnsUpToTheCountOldestFirst()
    {
        var queue = await NewQueueAsync();
        for (var i = 0; i < 5; i++)
        {
            await queue.SendAsync(BinaryData.FromString($"m{i}"));
        }

        var first = await queue.ReceiveAsync(3, TimeSpan.FromMinutes(1));
        var rest = await queue.ReceiveAsync(32, TimeSpan.FromMinutes(1));

        Assert.Equal(["m0", "m1", "m2"], first.Select(m => m.Body.ToString()));
        Assert.Equal(["m3", "m4"], rest.Select(m => m.Body.ToString()));
    }

    [Fact]
    public async Task DeleteMessage_WithItsReceipt_RemovesIt()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(BinaryData.FromString("x"));
        var message = Assert.Single(await queue.ReceiveAsync(1, ShortVisibility));

        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        await Task.Delay(PastShortVisibility);

        Assert.Empty(await queue.ReceiveAsync());
        Assert.Equal(0, await queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task Peek_ShowsVisibleMessagesWithoutReceivingThem()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(BinaryData.FromString("a"));
        await queue.SendAsync(BinaryData.FromString("b"));

        var peeked = await queue.PeekAsync(32);
        var received = await queue.ReceiveAsync(32, TimeSpan.FromMinutes(1));

        Assert.Equal(["a", "b"], peeked.Select(m => m.Body.ToString()));
        Assert.All(peeked, m => Assert.Equal(0, m.DequeueCount));
        Assert.Equal(2, received.Count);
        Assert.All(received, m => Assert.Equal(1, m.DequeueCount));
        Assert.Empty(await queue.PeekAsync(32));
    }

    [Fact]
    public async Task NoExpiry_MessageHasNoExpiryTime()
    {
        var queue = await NewQueueAsync();
        var sent = await queue.SendAsync(BinaryData.FromString("forever"), timeToLive: QueueRules.NoExpiry);

        var message = Assert.Single(await queue.ReceiveAsync());

        Assert.Null(sent.ExpiresOn);
        Assert.Null(message.ExpiresOn);
    }

    [Fact]
    public async Task Message_PastItsTimeToLive_IsNeverReturned()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(BinaryData.FromString("short-lived"), timeToLive: TimeSpan.FromSeconds(1));
        await queue.SendAsync(BinaryData.FromString("long-lived"));

        await Task.Delay(PastShortVisibility);

        Assert.Equal(["long-lived"], (await queue.PeekAsync(32)).Select(m => m.Body.ToString()));
        Assert.Equal(["long-lived"], (await queue.ReceiveAsync(32)).Select(m => m.Body.ToString()));
    }

    [Fact]
    public async Task SendReceipt_DeletesTheMessageBeforeItIsReceived()
    {
        var queue = await NewQueueAsync();
        var sent = await queue.SendAsync(BinaryData.FromString("x"));

        await queue.DeleteMessageAsync(sent.MessageId, sent.PopReceipt);

        Assert.Equal(0, await queue.GetApproximateCountAsync());
        Assert.Empty(await queue.PeekAsync());
    }

    [Fact]
    public async Task DeletedMessage_CannotBeUpdatedOrDeletedAgain()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(BinaryData.FromString("x"));
        var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(1)));
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);

        await ThrowsStorageAsync(StorageErrorKind.NotFound, () => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt));
        await ThrowsStorageAsync(StorageErrorKind.NotFound, () => queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero));
    }
}
