using ServerlessGov.Functions.Enterprises;
using ServerlessGov.Functions.Tests.Reviews;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>With the receiver down, the queue retries the publish, then the host moves the message to poison with the reason and the delivery is failed.</summary>
public sealed class NotificationFailureTests
{
    [Fact]
    public async Task Notification_ReceiverDown_IsRetriedThenPoisonedWithTheReasonAndMarkedFailed()
    {
        await using var host = await EnterpriseTestHost.StartAsync(receiverDown: true);
        var message = Notifications.Match(Notifications.NewEnterpriseId());
        var eventId = Notifications.EventId(message);

        await host.QueueAsync(message);

        IReadOnlyList<ServerlessGov.Hosting.Queues.PoisonMessage> poison = [];
        await Eventually.AssertAsync(async () => (poison = await host.PoisonAsync()).Count > 0, "the message in enterprise-notifications-poison");
        var poisoned = Assert.Single(poison);
        Assert.Equal(EnterpriseTestHost.MaxAttempts, poisoned.DequeueCount);
        Assert.Contains("RequestFailedException", poisoned.Reason, StringComparison.Ordinal);
        Assert.Contains(message.EnterpriseId, poisoned.Body, StringComparison.Ordinal);
        var delivery = (await host.Deliveries.GetAsync(eventId))!;
        Assert.Equal(DeliveryState.Failed, delivery.State);
        Assert.Equal(EnterpriseTestHost.MaxAttempts, delivery.Attempts);
        Assert.Contains("RequestFailedException", delivery.Reason, StringComparison.Ordinal);
    }
}
