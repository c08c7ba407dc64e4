using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServerlessGov.Functions.Enterprises;
using ServerlessGov.Functions.Tests.Reviews;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>
/// An enterprise registers its own webhook (a real Kestrel receiver on loopback): it is validated with Event Grid's
/// handshakes before anything is sent to it, then the enterprise's events go there instead of the topic.
/// </summary>
public sealed class WebhookRegistrationTests : IAsyncLifetime
{
    private EnterpriseTestHost _host = null!;
    private RecordingWebhook _webhook = null!;

    public async Task InitializeAsync()
    {
        _host = await EnterpriseTestHost.StartAsync();
        _webhook = await RecordingWebhook.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _webhook.DisposeAsync();
    }

    [Fact]
    public async Task Register_WebhookAnsweringTheOptionsHandshake_GetsTheEnterprisesEventsInsteadOfTheTopic()
    {
        var enterpriseId = Notifications.NewEnterpriseId();

        var registration = await RegisterAsync(enterpriseId);

        Assert.Equal("cloudevents-options", registration.GetProperty("handshake").GetString());
        var message = Notifications.Match(enterpriseId);
        var eventId = Notifications.EventId(message);
        await _host.QueueAsync(message);
        await Eventually.AssertAsync(async () => (await _host.Deliveries.GetAsync(eventId))?.State == DeliveryState.Delivered, "the notification delivered to the webhook");
        var arrival = Assert.Single(_webhook.Arrivals);
        Assert.Equal(eventId, arrival.Id);
        Assert.Equal(EnterpriseEventTypes.PolicyMatched, arrival.Type);
        Assert.StartsWith("application/cloudevents+json", arrival.ContentType, StringComparison.Ordinal);
        Assert.Equal(enterpriseId, arrival.Data.GetProperty("enterpriseId").GetString());
        var delivery = (await _host.Deliveries.GetAsync(eventId))!;
        Assert.Equal("webhook", delivery.Destination);
        Assert.Equal(0, delivery.ReceivedCount);
    }

    [Fact]
    public async Task Register_WebhookAnsweringOnlySubscriptionValidation_IsAcceptedWithThatHandshake()
    {
        _webhook.AnswersOptions = false;

        var registration = await RegisterAsync(Notifications.NewEnterpriseId());

        Assert.Equal("subscription-validation", registration.GetProperty("handshake").GetString());
    }

    [Fact]
    public async Task Register_WebhookFailingBothHandshakes_IsRefusedAndNothingIsSentToIt()
    {
        _webhook.AnswersOptions = false;
        _webhook.AnswersValidation = false;
        var enterpriseId = Notifications.NewEnterpriseId();
        using var enterprise = _host.ClientAs(FunctionRoles.Enterprise, enterpriseId);

        using var refused = await enterprise.PutAsJsonAsync(new Uri($"/api/enterprises/{enterpriseId}/webhook", UriKind.Relative), new { url = _webhook.Url });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("url", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, _webhook.HandshakeRequests);
        var message = Notifications.Match(enterpriseId);
        await _host.QueueAsync(message);
        await Eventually.AssertAsync(async () => (await _host.Deliveries.GetAsync(Notifications.EventId(message)))?.State == DeliveryState.Delivered, "the notification delivered through the topic");
        Assert.Equal(1, (await _host.Deliveries.GetAsync(Notifications.EventId(message)))!.ReceivedCount);
        Assert.Empty(_webhook.Arrivals);
    }

    [Fact]
    public async Task Register_PlainHttpToAnotherHost_IsRefusedNamingTheField()
    {
        var enterpriseId = Notifications.NewEnterpriseId();
        using var enterprise = _host.ClientAs(FunctionRoles.Enterprise, enterpriseId);

        using var refused = await enterprise.PutAsJsonAsync(new Uri($"/api/enterprises/{enterpriseId}/webhook", UriKind.Relative), new { url = "http://example.com/hooks" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("url", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _webhook.HandshakeRequests);
    }

    [Fact]
    public async Task Delivery_WebhookAnswersForbidden_IsDeadLetteredAtOnceWithTheReason()
    {
        var enterpriseId = Notifications.NewEnterpriseId();
        await RegisterAsync(enterpriseId);
        _webhook.AlwaysStatus = StatusCodes.Forbidden;
        var message = Notifications.Match(enterpriseId);

        await _host.QueueAsync(message);

        IReadOnlyList<ServerlessGov.Hosting.Queues.PoisonMessage> poison = [];
        await Eventually.AssertAsync(async () => (poison = await _host.PoisonAsync()).Count > 0, "the message in enterprise-notifications-poison");
        var poisoned = Assert.Single(poison);
        Assert.Equal(1, poisoned.DequeueCount);
        Assert.Contains("403", poisoned.Reason, StringComparison.Ordinal);
        var delivery = (await _host.Deliveries.GetAsync(Notifications.EventId(message)))!;
        Assert.Equal(DeliveryState.Failed, delivery.State);
        Assert.Contains("403", delivery.Reason, StringComparison.Ordinal);
        Assert.Single(_webhook.Arrivals);
    }

    private async Task<JsonElement> RegisterAsync(string enterpriseId)
    {
        using var enterprise = _host.ClientAs(FunctionRoles.Enterprise, enterpriseId);
        using var response = await enterprise.PutAsJsonAsync(new Uri($"/api/enterprises/{enterpriseId}/webhook", UriKind.Relative), new { url = _webhook.Url });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static class StatusCodes
    {
        public const int Forbidden = 403;
    }
}
