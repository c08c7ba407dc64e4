using System.Collections.Concurrent;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Storage.Tests.Conformance;

public abstract partial class QueueConformanceTests
{
    [Fact]
    public async Task Receive_HidesTheMessageUntilTheTimeoutThenRedeliversWithHigherDequeueCount()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(BinaryData.FromString("x"));

        var first = Assert.Single(await queue.ReceiveAsync(1, ShortVisibility));
        Assert.Empty(await queue.ReceiveAsync());
        await Task.Delay(PastShortVisibility);
        var second = Assert.Single(await queue.ReceiveAsync(1, ShortVisibility));

        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(1, first.DequeueCount);
        Assert.Equal(2, second.DequeueCount);
        Assert.NotEqual(first.PopReceipt, second.PopReceipt);
    }

    [Fact]
    public async Task PopReceipt_AfterTheMessageIsReceivedAgain_FailsWithNotFound()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(BinaryData.FromString("x"));
        var first = Assert.Single(await queue.ReceiveAsync(1, ShortVisibility));
        await Task.Delay(PastShortVisibility);
        var second = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(1)));

        await ThrowsStorageAsync(StorageErrorKind.NotFound, () => queue.DeleteMessageAsync(first.MessageId, first.PopReceipt));
        await ThrowsStorageAsync(StorageErrorKind.NotFound, () => queue.UpdateMessageAsync(first.MessageId, first.PopReceipt, TimeSpan.Zero));

        await queue.DeleteMessageAsync(second.MessageId, second.PopReceipt);
        Assert.Equal(0, await queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task PopReceipt_AfterAnUpdate_IsReplacedByTheNewOne()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(BinaryData.FromString("x"));
        var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(1)));

        var updated = await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, TimeSpan.FromMinutes(1));

        await ThrowsStorageAsync(StorageErrorKind.NotFound, () => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt));
        await queue.DeleteMessageAsync(message.MessageId, updated.PopReceipt);
        Assert.Equal(0, await queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task UpdateMessage_ToZeroVisibilityWithNewBody_RedeliversTheNewBodyAtOnce()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(BinaryData.FromString("v1"));
        var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(1)));

        await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero, BinaryData.FromString("v2"));
        var again = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(1)));

        Assert.Equal(message.MessageId, again.MessageId);
        Assert.Equal("v2", again.Body.ToString());
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task UpdateMessage_ExtendingVisibility_KeepsItHiddenPastTheFirstTimeout()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(BinaryData.FromString("x"));
        var message = Assert.Single(await queue.ReceiveAsync(1, ShortVisibility));

        var updated = await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, TimeSpan.FromMinutes(1));
        await Task.Delay(PastShortVisibility);

        Assert.Empty(await queue.ReceiveAsync());
        Assert.True(updated.NextVisibleOn > DateTimeOffset.UtcNow.AddSeconds(30));
        Assert.Empty(await queue.PeekAsync());
    }

    [Fact]
    public async Task DelayedMessage_StaysInvisibleUntilDue()
    {
        var queue = await NewQueueAsync();
        var sent = await queue.SendAsync(BinaryData.FromString("later"), visibilityDelay: ShortVisibility);

        Assert.Empty(await queue.PeekAsync());
        Assert.Empty(await queue.ReceiveAsync());
        Assert.True(sent.NextVisibleOn > sent.InsertedOn);
        await Task.Delay(PastShortVisibility);

        Assert.Equal("later", Assert.Single(await queue.ReceiveAsync()).Body.ToString());
    }

    [Fact]
    public async Task Peek_DoesNotHideTheMessageOrCountADequeue()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(BinaryData.FromString("x"));

        await queue.PeekAsync();
        await queue.PeekAsync();
        var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(1)));

        Assert.Equal(1, message.DequeueCount);
        Assert.Empty(await queue.PeekAsync());
    }

    [Fact]
    public async Task ParallelReceivers_EachMessageIsDeliveredOncePerVisibilityWindow()
    {
        var queue = await NewQueueAsync();
        const int messages = 120;
        for (var i = 0; i < messages; i++)
        {
            await queue.SendAsync(BinaryData.FromString($"m{i}"));
        }

        var deliveries = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await Task.Yield();
            while (true)
            {
                var batch = await queue.ReceiveAsync(5, TimeSpan.FromMinutes(2));
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var message in batch)
                {
                    deliveries.Add(message.Body.ToString());
                }
            }
        }));

        Assert.Equal(messages, deliveries.Count);
        Assert.Equal(messages, deliveries.Distinct().Count());
    }
}
