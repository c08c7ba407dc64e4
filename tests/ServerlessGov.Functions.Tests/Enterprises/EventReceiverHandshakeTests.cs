using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>The local receiver answers Event Grid's two validation handshakes over real HTTP, without a token.</summary>
public sealed class EventReceiverHandshakeTests : IAsyncLifetime
{
    private EnterpriseTestHost _host = null!;

    public async Task InitializeAsync() => _host = await EnterpriseTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Receiver_SubscriptionValidationEvent_AnswersWithTheValidationCode()
    {
        const string body = """
            [{
              "id": "2d1781af-3a4c-4d7c-bd0c-e34b19da4e66",
              "topic": "/subscriptions/xxx/resourceGroups/gov/providers/Microsoft.EventGrid/topics/enterprises",
              "subject": "",
              "data": { "validationCode": "512d38b6-c7b8-40c8-89fe-f46f9e9622b6", "validationUrl": "https://rp-eastus2.eventgrid.azure.net/validate" },
              "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent",
              "eventTime": "2026-11-23T13:00:00Z",
              "metadataVersion": "1",
              "dataVersion": "2"
            }]
            """;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/enterprises/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("aeg-event-type", "SubscriptionValidation");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", answer.GetProperty("validationResponse").GetString());
    }

    [Fact]
    public async Task Receiver_CloudEventsOptionsRequest_AllowsTheRequestingOrigin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/enterprises/events");
        request.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eventgrid.azure.net", Assert.Single(response.Headers.GetValues("WebHook-Allowed-Origin")));
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("WebHook-Allowed-Rate")));
    }

    [Fact]
    public async Task Receiver_OptionsRequestWithoutOrigin_IsRefusedNamingTheHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/enterprises/events");

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("WebHook-Request-Origin", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
