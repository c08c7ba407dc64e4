using System.Net;
using ServerlessGov.Functions.Enterprises;
using ServerlessGov.Functions.Tests.Reviews;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>Notifications go from the queue through EventGridPublisherClient to the real receiver over HTTP, once each.</summary>
public sealed class NotificationDeliveryTests : IAsyncLifetime
{
    private EnterpriseTestHost _host = null!;

    public async Task InitializeAsync() => _host = await EnterpriseTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Notification_Queued_IsDeliveredAndTheEnterpriseCanAcknowledgeIt()
    {
        var message = Notifications.Match(Notifications.NewEnterpriseId());
        var eventId = Notifications.EventId(message);

        await _host.QueueAsync(message);

        var delivered = await WaitForStateAsync(eventId, DeliveryState.Delivered);
        Assert.Equal(1, delivered.ReceivedCount);
        Assert.Equal(1, delivered.Attempts);
        using var enterprise = _host.ClientAs(FunctionRoles.Enterprise, message.EnterpriseId);
        using var read = await enterprise.GetAsync(new Uri($"/api/enterprises/{message.EnterpriseId}/notifications/{eventId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("\"Delivered\"", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var acknowledged = await enterprise.PostAsync(new Uri($"/api/enterprises/{message.EnterpriseId}/notifications/{eventId}/acknowledge", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal(DeliveryState.Acknowledged, (await _host.Deliveries.GetAsync(eventId))!.State);
    }

    [Fact]
    public async Task Acknowledge_AnotherEnterprisesNotification_IsForbidden()
    {
        var message = Notifications.Match(Notifications.NewEnterpriseId());
        var eventId = Notifications.EventId(message);
        await _host.QueueAsync(message);
        await WaitForStateAsync(eventId, DeliveryState.Delivered);

        using var other = _host.ClientAs(FunctionRoles.Enterprise, Notifications.NewEnterpriseId());
        using var response = await other.PostAsync(new Uri($"/api/enterprises/{message.EnterpriseId}/notifications/{eventId}/acknowledge", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(DeliveryState.Delivered, (await _host.Deliveries.GetAsync(eventId))!.State);
    }

    [Fact]
    public async Task Notification_SameMatchQueuedThreeTimes_ReachesTheReceiverOnce()
    {
        var message = Notifications.Match(Notifications.NewEnterpriseId());
        var eventId = Notifications.EventId(message);

        await Task.WhenAll(_host.QueueAsync(message), _host.QueueAsync(message));
        await WaitForStateAsync(eventId, DeliveryState.Delivered);
        await _host.QueueAsync(message);
        await Eventually.AssertAsync(async () => await _host.PendingMessagesAsync() == 0, "every copy of the message handled");

        var delivery = (await _host.Deliveries.GetAsync(eventId))!;
        Assert.Equal(DeliveryState.Delivered, delivery.State);
        Assert.Equal(1, delivery.ReceivedCount);
        Assert.Empty(await _host.PoisonAsync());
    }

    [Fact]
    public async Task Notification_NewPolicyVersion_IsANewNotification()
    {
        var enterpriseId = Notifications.NewEnterpriseId();
        var first = Notifications.Match(enterpriseId, version: 1);
        var second = Notifications.Match(enterpriseId, version: 2);

        await _host.QueueAsync(first);
        await _host.QueueAsync(second);

        Assert.NotEqual(Notifications.EventId(first), Notifications.EventId(second));
        await WaitForStateAsync(Notifications.EventId(first), DeliveryState.Delivered);
        await WaitForStateAsync(Notifications.EventId(second), DeliveryState.Delivered);
    }

    private async Task<EnterpriseDelivery> WaitForStateAsync(string eventId, DeliveryState state)
    {
        EnterpriseDelivery? delivery = null;
        await Eventually.AssertAsync(async () => (delivery = await _host.Deliveries.GetAsync(eventId))?.State == state, $"notification {eventId} {state}");
        return delivery!;
    }
}
