using ServerlessGov.Functions.Enterprises;
using ServerlessGov.Functions.Tests.Reviews;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>Two hosts on one store, each taking copies of the same match from the queue: the receiver gets the event once.</summary>
public sealed class TwoHostDeliveryTests
{
    [Fact]
    public async Task Notification_CopiesSpreadOverTwoHosts_ReachesTheReceiverOnce()
    {
        await using var first = await EnterpriseTestHost.StartAsync();
        await using var second = await EnterpriseTestHost.StartBesideAsync(first);
        var messages = Enumerable.Range(0, 5).Select(_ => Notifications.Match(Notifications.NewEnterpriseId())).ToList();

        foreach (var message in messages)
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? first : second).QueueAsync(message)));
        }

        await Eventually.AssertAsync(async () => await first.PendingMessagesAsync() == 0, "every copy handled by one host or the other", TimeSpan.FromSeconds(30));
        foreach (var message in messages)
        {
            var delivery = (await first.Deliveries.GetAsync(Notifications.EventId(message)))!;
            Assert.Equal(DeliveryState.Delivered, delivery.State);
            Assert.Equal(1, delivery.ReceivedCount);
        }

        Assert.Empty(await first.PoisonAsync());
    }
}
