using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ServerlessGov.Functions.Enterprises.Webhooks;

/// <summary>
/// Proves a webhook wants our events the way Event Grid does before it delivers anything: first the CloudEvents
/// abuse-protection handshake (<c>OPTIONS</c> with <c>WebHook-Request-Origin</c>, answered 200 with a matching
/// <c>WebHook-Allowed-Origin</c>), else a <c>SubscriptionValidation</c> event (Event Grid schema) answered with its code.
/// </summary>
public sealed class WebhookValidator
{
    /// <summary>The named HTTP client that calls enterprise webhooks.</summary>
    public const string ClientName = "enterprise-webhooks";

    /// <summary>The origin the handshake names, as Event Grid does.</summary>
    public const string Origin = "eventgrid.azure.net";

    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _time;
    private readonly EnterpriseNotificationOptions _options;

    /// <summary>Creates the validator.</summary>
    public WebhookValidator(IHttpClientFactory clients, TimeProvider time, IOptions<EnterpriseNotificationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        _clients = clients;
        _time = time;
        _options = options.Value;
    }

    /// <summary>Runs the handshakes; returns the handshake passed (<c>cloudevents-options</c> or <c>subscription-validation</c>), or null and why both failed.</summary>
    public async Task<(string? Handshake, string Failure)> ValidateAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var client = _clients.CreateClient(ClientName);
        string optionsFailure;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.PublishTimeout);
            using var preflight = new HttpRequestMessage(HttpMethod.Options, url);
            preflight.Headers.Add("WebHook-Request-Origin", Origin);
            preflight.Headers.Add("WebHook-Request-Rate", "*");
            using var answer = await client.SendAsync(preflight, timeout.Token).ConfigureAwait(false);
            var allowed = answer.Headers.TryGetValues("WebHook-Allowed-Origin", out var values) ? values.FirstOrDefault() : null;
            if (answer.IsSuccessStatusCode && (allowed == Origin || allowed == "*"))
            {
                return ("cloudevents-options", string.Empty);
            }

            optionsFailure = $"OPTIONS answered {(int)answer.StatusCode} with WebHook-Allowed-Origin '{allowed}'";
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            optionsFailure = "OPTIONS failed: " + ex.Message;
        }

        var code = Guid.NewGuid().ToString();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.PublishTimeout);
            var validation = new[]
            {
                new
                {
                    id = Guid.NewGuid().ToString(),
                    topic = EnterpriseEventTypes.Source,
                    subject = string.Empty,
                    data = new { validationCode = code },
                    eventType = EnterpriseEventTypes.SubscriptionValidation,
                    eventTime = _time.GetUtcNow(),
                    metadataVersion = "1",
                    dataVersion = "2",
                },
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(validation) };
            request.Headers.Add(EventReceiverApi.EventTypeHeader, "SubscriptionValidation");
            using var answer = await client.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (answer.IsSuccessStatusCode)
            {
                using var body = await JsonDocument.ParseAsync(await answer.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false), cancellationToken: timeout.Token).ConfigureAwait(false);
                if (body.RootElement.ValueKind == JsonValueKind.Object
                    && body.RootElement.TryGetProperty("validationResponse", out var response) && response.ValueKind == JsonValueKind.String && response.GetString() == code)
                {
                    return ("subscription-validation", string.Empty);
                }
            }

            return (null, $"{optionsFailure}; SubscriptionValidation answered {(int)answer.StatusCode} without the validation code");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"{optionsFailure}; SubscriptionValidation failed: {ex.Message}");
        }
    }
}
