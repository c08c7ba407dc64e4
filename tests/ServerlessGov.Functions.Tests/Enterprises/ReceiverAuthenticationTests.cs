using System.Net;
using System.Text;
using ServerlessGov.Functions.Enterprises;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>
/// The receiver is public (Event Grid sends no bearer token), so it marks a notification delivered only for a delivery
/// carrying the receiver key in <c>aeg-sas-key</c>; without it, knowing an event id changes nothing.
/// </summary>
public sealed class ReceiverAuthenticationTests : IAsyncLifetime
{
    private EnterpriseTestHost _host = null!;

    public async Task InitializeAsync() => _host = await EnterpriseTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Receive_EventWithoutKey_IsRefusedWith401AndTheDeliveryStaysSent()
    {
        var eventId = await SentNotificationAsync(_host);

        using var response = await PostEventAsync(_host, eventId, key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("aeg-sas-key", problem, StringComparison.Ordinal);
        Assert.Contains("is required", problem, StringComparison.Ordinal);
        await AssertUnchangedAsync(_host, eventId);
    }

    [Fact]
    public async Task Receive_EventWithWrongKey_IsRefusedWith403AndTheDeliveryStaysSent()
    {
        var eventId = await SentNotificationAsync(_host);

        using var response = await PostEventAsync(_host, eventId, key: EnterpriseTestHost.TopicKey + "x");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("aeg-sas-key", problem, StringComparison.Ordinal);
        Assert.Contains("does not match", problem, StringComparison.Ordinal);
        await AssertUnchangedAsync(_host, eventId);
    }

    [Fact]
    public async Task Receive_EventWithTheTopicKey_MarksTheDeliveryDelivered()
    {
        var eventId = await SentNotificationAsync(_host);

        using var response = await PostEventAsync(_host, eventId, key: EnterpriseTestHost.TopicKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delivery = (await _host.Deliveries.GetAsync(eventId))!;
        Assert.Equal(DeliveryState.Delivered, delivery.State);
        Assert.Equal(1, delivery.ReceivedCount);
    }

    [Fact]
    public async Task Receive_WithAReceiverKeyConfigured_AcceptsThatKeyAndNoLongerTheTopicKey()
    {
        const string receiverKey = "a-receiver-key-separate-from-the-topic-key";
        await using var host = await EnterpriseTestHost.StartAsync(settings: new Dictionary<string, string> { ["Enterprises:EventGrid:ReceiverKey"] = receiverKey });
        var eventId = await SentNotificationAsync(host);

        using (var topicKey = await PostEventAsync(host, eventId, key: EnterpriseTestHost.TopicKey))
        {
            Assert.Equal(HttpStatusCode.Forbidden, topicKey.StatusCode);
        }

        await AssertUnchangedAsync(host, eventId);
        using var accepted = await PostEventAsync(host, eventId, key: receiverKey);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(DeliveryState.Delivered, (await host.Deliveries.GetAsync(eventId))!.State);
    }

    /// <summary>A notification the topic accepted and the receiver has not seen yet.</summary>
    private static async Task<string> SentNotificationAsync(EnterpriseTestHost host)
    {
        var message = Notifications.Match(Notifications.NewEnterpriseId());
        var eventId = Notifications.EventId(message);
        await host.Deliveries.ChangeAsync(eventId, _ =>
            new EnterpriseDelivery(eventId, message.EnterpriseId, message.PolicyId, message.PolicyVersion, DeliveryState.Sent, 1, 0, null, null, default));
        return eventId;
    }

    private static async Task<HttpResponseMessage> PostEventAsync(EnterpriseTestHost host, string eventId, string? key)
    {
        var body = $$"""
            {"specversion": "1.0", "id": "{{eventId}}", "source": "{{EnterpriseEventTypes.Source}}", "type": "{{EnterpriseEventTypes.PolicyMatched}}",
             "time": "2026-11-23T10:00:00Z", "datacontenttype": "application/json", "data": {"enterpriseId": "forged"} }
            """;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/enterprises/events") { Content = new StringContent(body, Encoding.UTF8, "application/cloudevents+json") };
        if (key is not null)
        {
            request.Headers.Add("aeg-sas-key", key);
        }

        return await host.Client.SendAsync(request);
    }

    private static async Task AssertUnchangedAsync(EnterpriseTestHost host, string eventId)
    {
        var delivery = (await host.Deliveries.GetAsync(eventId))!;
        Assert.Equal(DeliveryState.Sent, delivery.State);
        Assert.Equal(0, delivery.ReceivedCount);
    }
}
