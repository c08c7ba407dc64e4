using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Storage.Tests.Conformance;

public abstract partial class QueueConformanceTests
{
    [Fact]
    public async Task Message_Over48KiB_IsRejectedAsTooLargeButExactly48KiBIsAccepted()
    {
        var queue = await NewQueueAsync();

        await queue.SendAsync(new BinaryData(new byte[QueueRules.MaxMessageBytes]));
        var ex = await ThrowsStorageAsync(StorageErrorKind.TooLarge, () => queue.SendAsync(new BinaryData(new byte[QueueRules.MaxMessageBytes + 1])));

        Assert.Contains(QueueRules.MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Equal(QueueRules.MaxMessageBytes, Assert.Single(await queue.ReceiveAsync()).Body.ToArray().Length);
    }

    [Fact]
    public async Task UpdateMessage_WithABodyOver48KiB_IsRejectedAsTooLarge()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(BinaryData.FromString("x"));
        var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(1)));

        await ThrowsStorageAsync(StorageErrorKind.TooLarge, () =>
            queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero, new BinaryData(new byte[QueueRules.MaxMessageBytes + 1])));
    }

    [Fact]
    public async Task Receive_OutOfRangeCountOrVisibility_IsRejectedWithInvalidInput()
    {
        var queue = await NewQueueAsync();

        await ThrowsStorageAsync(StorageErrorKind.InvalidInput, () => queue.ReceiveAsync(0));
        await ThrowsStorageAsync(StorageErrorKind.InvalidInput, () => queue.ReceiveAsync(33));
        await ThrowsStorageAsync(StorageErrorKind.InvalidInput, () => queue.ReceiveAsync(1, TimeSpan.FromMilliseconds(500)));
        await ThrowsStorageAsync(StorageErrorKind.InvalidInput, () => queue.ReceiveAsync(1, TimeSpan.FromDays(8)));
        await ThrowsStorageAsync(StorageErrorKind.InvalidInput, () => queue.PeekAsync(33));
    }

    [Fact]
    public async Task Send_OutOfRangeDelayOrTimeToLive_IsRejectedWithInvalidInput()
    {
        var queue = await NewQueueAsync();
        var body = BinaryData.FromString("x");

        await ThrowsStorageAsync(StorageErrorKind.InvalidInput, () => queue.SendAsync(body, visibilityDelay: TimeSpan.FromDays(8)));
        await ThrowsStorageAsync(StorageErrorKind.InvalidInput, () => queue.SendAsync(body, visibilityDelay: TimeSpan.FromSeconds(-1)));
        await ThrowsStorageAsync(StorageErrorKind.InvalidInput, () => queue.SendAsync(body, timeToLive: TimeSpan.FromMilliseconds(10)));
        await ThrowsStorageAsync(StorageErrorKind.InvalidInput, () => queue.SendAsync(body, visibilityDelay: TimeSpan.FromMinutes(2), timeToLive: TimeSpan.FromMinutes(1)));
        Assert.Equal(0, await queue.GetApproximateCountAsync());
    }
}
