using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Functions.Enterprises;
using ServerlessGov.Functions.Enterprises.Webhooks;
using ServerlessGov.Functions.Tests.Reviews;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>
/// With <c>Enterprises:Webhooks:AllowPrivateNetworks</c> off (the default), an enterprise cannot make the app call its
/// own network: registration refuses plain http and hosts resolving to loopback, private, link-local, unspecified or
/// multicast addresses, and a delivery whose host resolves to one by the time it connects is blocked and dead-lettered.
/// </summary>
public sealed class WebhookAddressTests : IAsyncLifetime
{
    private EnterpriseTestHost _host = null!;
    private RecordingWebhook _webhook = null!;

    public async Task InitializeAsync()
    {
        _host = await EnterpriseTestHost.StartAsync(settings: new Dictionary<string, string> { ["Enterprises:Webhooks:AllowPrivateNetworks"] = "false" });
        _webhook = await RecordingWebhook.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _webhook.DisposeAsync();
    }

    [Theory]
    [InlineData("http://127.0.0.1/hooks", "must use https")]
    [InlineData("http://10.0.0.1/hooks", "must use https")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "must use https")]
    [InlineData("https://127.0.0.1/hooks", "loopback")]
    [InlineData("https://10.0.0.1/hooks", "private (RFC 1918)")]
    [InlineData("https://172.20.1.1/hooks", "private (RFC 1918)")]
    [InlineData("https://192.168.1.10/hooks", "private (RFC 1918)")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("https://[::1]/hooks", "loopback")]
    [InlineData("https://[fd12:3456::1]/hooks", "unique local")]
    [InlineData("https://[fe80::1]/hooks", "link-local")]
    [InlineData("https://[::ffff:10.0.0.1]/hooks", "private (RFC 1918)")]
    [InlineData("https://0.0.0.0/hooks", "unspecified")]
    [InlineData("https://224.0.0.251/hooks", "multicast")]
    [InlineData("https://localhost/hooks", "loopback")]
    public async Task Register_UrlOffThePublicInternet_IsRefusedNamingTheFieldAndTheRule(string url, string rule)
    {
        var enterpriseId = Notifications.NewEnterpriseId();
        using var enterprise = _host.ClientAs(FunctionRoles.Enterprise, enterpriseId);

        using var refused = await enterprise.PutAsJsonAsync(new Uri($"/api/enterprises/{enterpriseId}/webhook", UriKind.Relative), new { url });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("\"url\"", problem, StringComparison.Ordinal);
        Assert.Contains(rule, problem, StringComparison.Ordinal);
        Assert.Null(await _host.Services.GetRequiredService<WebhookStore>().GetAsync(enterpriseId));
    }

    [Fact]
    public async Task Register_WebhookListeningOnLoopback_IsRefusedBeforeAnyHandshake()
    {
        var enterpriseId = Notifications.NewEnterpriseId();
        using var enterprise = _host.ClientAs(FunctionRoles.Enterprise, enterpriseId);
        var url = new UriBuilder(_webhook.Url) { Host = "localhost" }.Uri;

        using var refused = await enterprise.PutAsJsonAsync(new Uri($"/api/enterprises/{enterpriseId}/webhook", UriKind.Relative), new { url });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("AllowPrivateNetworks", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _webhook.HandshakeRequests);
    }

    [Fact]
    public async Task Delivery_WebhookHostResolvingToLoopbackAtConnectTime_IsBlockedAndDeadLetteredAtOnce()
    {
        // Registered while its name resolved to a public address; by delivery time the name points at loopback (DNS rebinding).
        var enterpriseId = Notifications.NewEnterpriseId();
        var url = new UriBuilder(_webhook.Url) { Host = "localhost" }.Uri;
        await _host.Services.GetRequiredService<WebhookStore>().SaveAsync(new EnterpriseWebhook(enterpriseId, url, "cloudevents-options", DateTimeOffset.UtcNow));
        var message = Notifications.Match(enterpriseId);

        await _host.QueueAsync(message);

        IReadOnlyList<ServerlessGov.Hosting.Queues.PoisonMessage> poison = [];
        await Eventually.AssertAsync(async () => (poison = await _host.PoisonAsync()).Count > 0, "the message in enterprise-notifications-poison");
        var poisoned = Assert.Single(poison);
        Assert.Equal(1, poisoned.DequeueCount);
        Assert.Contains("loopback", poisoned.Reason, StringComparison.Ordinal);
        var delivery = (await _host.Deliveries.GetAsync(Notifications.EventId(message)))!;
        Assert.Equal(DeliveryState.Failed, delivery.State);
        Assert.Equal("webhook", delivery.Destination);
        Assert.Contains("loopback", delivery.Reason, StringComparison.Ordinal);
        Assert.Empty(_webhook.Arrivals);
    }
}
