using System.Net;
using System.Net.Http.Headers;
using ServerlessGov.Functions.Enterprises;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>
/// Acknowledging needs the enterprise's own token: no token, a forged one or another role is refused with a problem
/// and the notification stays delivered; the enterprise's token acknowledges it.
/// </summary>
public sealed class AcknowledgeAuthenticationTests : IAsyncLifetime
{
    private EnterpriseTestHost _host = null!;

    public async Task InitializeAsync() => _host = await EnterpriseTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Acknowledge_WithoutToken_IsRefusedWith401AndTheNotificationStaysDelivered()
    {
        var (enterpriseId, eventId) = await DeliveredNotificationAsync();

        using var response = await _host.Client.PostAsync(AcknowledgeUri(enterpriseId, eventId), null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(DeliveryState.Delivered, (await _host.Deliveries.GetAsync(eventId))!.State);
    }

    [Fact]
    public async Task Acknowledge_TokenSignedWithAnotherKey_IsRefusedWith401AndTheNotificationStaysDelivered()
    {
        var (enterpriseId, eventId) = await DeliveredNotificationAsync();
        var forged = new DevTokenIssuer("a-forger-s-own-signing-key-0123456789abcdef").Issue([FunctionRoles.Enterprise], enterpriseId, TimeSpan.FromHours(1));
        using var forger = new HttpClient { BaseAddress = _host.Client.BaseAddress };
        forger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);

        using var response = await forger.PostAsync(AcknowledgeUri(enterpriseId, eventId), null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(DeliveryState.Delivered, (await _host.Deliveries.GetAsync(eventId))!.State);
    }

    [Fact]
    public async Task Acknowledge_OperatorToken_IsForbiddenAndTheNotificationStaysDelivered()
    {
        var (enterpriseId, eventId) = await DeliveredNotificationAsync();
        using var operatorClient = _host.ClientAs(FunctionRoles.Operator, enterpriseId);

        using var response = await operatorClient.PostAsync(AcknowledgeUri(enterpriseId, eventId), null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(DeliveryState.Delivered, (await _host.Deliveries.GetAsync(eventId))!.State);
    }

    [Fact]
    public async Task Acknowledge_TheEnterprisesOwnToken_AcknowledgesIt()
    {
        var (enterpriseId, eventId) = await DeliveredNotificationAsync();
        using var enterprise = _host.ClientAs(FunctionRoles.Enterprise, enterpriseId);

        using var response = await enterprise.PostAsync(AcknowledgeUri(enterpriseId, eventId), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DeliveryState.Acknowledged, (await _host.Deliveries.GetAsync(eventId))!.State);
    }

    private async Task<(string EnterpriseId, string EventId)> DeliveredNotificationAsync()
    {
        var message = Notifications.Match(Notifications.NewEnterpriseId());
        var eventId = Notifications.EventId(message);
        await _host.Deliveries.ChangeAsync(eventId, _ =>
            new EnterpriseDelivery(eventId, message.EnterpriseId, message.PolicyId, message.PolicyVersion, DeliveryState.Delivered, 1, 1, null, null, default));
        return (message.EnterpriseId, eventId);
    }

    private static Uri AcknowledgeUri(string enterpriseId, string eventId) =>
        new($"/api/enterprises/{enterpriseId}/notifications/{eventId}/acknowledge", UriKind.Relative);
}
