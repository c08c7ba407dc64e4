using System.Security.Cryptography;
using System.Text;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ServerlessGov.Hosting.Http;

namespace ServerlessGov.Functions.Enterprises;

/// <summary>
/// The app's own Event Grid subscriber (public on purpose: Event Grid calls it without a bearer token). It answers both
/// validation handshakes to anyone (they change nothing), and marks a notification delivered only for a delivery that
/// carries the receiver key in <c>aeg-sas-key</c>; events it does not know are acknowledged and dropped.
/// </summary>
public static class EventReceiverApi
{
    /// <summary>The header Event Grid puts on its deliveries, naming the kind (<c>SubscriptionValidation</c>, <c>Notification</c>).</summary>
    public const string EventTypeHeader = "aeg-event-type";

    /// <summary>The header carrying the receiver key: the header Event Grid's publisher sends a topic key in.</summary>
    public const string KeyHeader = "aeg-sas-key";

    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// OPTIONS enterprises/events: the CloudEvents webhook abuse-protection handshake. Event Grid asks with
    /// <c>WebHook-Request-Origin</c>; the receiver allows that origin at any rate.
    /// </summary>
    /// <exception cref="RequestValidationException">No <c>WebHook-Request-Origin</c> header.</exception>
    public static IResult Preflight(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var origin = http.Request.Headers["WebHook-Request-Origin"].ToString();
        if (string.IsNullOrWhiteSpace(origin))
        {
            throw new RequestValidationException("WebHook-Request-Origin", "is required for the abuse-protection handshake");
        }

        http.Response.Headers["WebHook-Allowed-Origin"] = origin;
        http.Response.Headers["WebHook-Allowed-Rate"] = "*";
        return TypedResults.Ok();
    }

    /// <summary>
    /// POST enterprises/events: a subscription validation event (Event Grid schema) is answered with its
    /// <c>validationResponse</c>; CloudEvents (one, or a batch) are received.
    /// A CloudEvents delivery without the receiver key is answered 401, with a wrong key 403, before its body is read.
    /// </summary>
    /// <exception cref="RequestValidationException">The body is not an Event Grid or CloudEvents payload.</exception>
    public static async Task<IResult> ReceiveAsync(
        HttpContext http, DeliveryStore deliveries, IOptions<EnterpriseNotificationOptions> options, ILogger<DeliveryStore> logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(options);
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            throw new RequestValidationException("body", $"must be at most {MaxBodyBytes} bytes");
        }

        if (string.Equals(http.Request.Headers[EventTypeHeader], "SubscriptionValidation", StringComparison.OrdinalIgnoreCase)
            || !IsCloudEvents(http.Request.ContentType))
        {
            return Validate(await BinaryData.FromStreamAsync(http.Request.Body, cancellationToken).ConfigureAwait(false), logger);
        }

        if (Refusal(http.Request.Headers[KeyHeader].ToString(), options.Value, logger) is { } refusal)
        {
            return refusal;
        }

        var body = await BinaryData.FromStreamAsync(http.Request.Body, cancellationToken).ConfigureAwait(false);

        CloudEvent[] events;
        try
        {
            events = CloudEvent.ParseMany(body, skipValidation: false);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or FormatException)
        {
            throw new RequestValidationException("body", "must be a CloudEvent or a batch of CloudEvents (" + ex.Message + ")");
        }

        foreach (var cloudEvent in events.Where(e => e.Type is EnterpriseEventTypes.PolicyMatched or EnterpriseEventTypes.WeeklyDigest))
        {
            Log.Received(logger, cloudEvent.Id, cloudEvent.Type);
            await deliveries.ChangeAsync(cloudEvent.Id, current => current is null
                ? null
                : current with
                {
                    State = current.State == DeliveryState.Acknowledged ? DeliveryState.Acknowledged : DeliveryState.Delivered,
                    ReceivedCount = current.ReceivedCount + 1,
                    Reason = null,
                }, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Ok();
    }

    private static ProblemHttpResult? Refusal(string presented, EnterpriseNotificationOptions options, ILogger logger)
    {
        var expected = string.IsNullOrEmpty(options.ReceiverKey) ? options.TopicKey : options.ReceiverKey;
        var (status, title, rule) = (presented, expected) switch
        {
            ({ Length: 0 }, _) => (StatusCodes.Status401Unauthorized, "The receiver key is missing", "is required on event deliveries"),
            (_, null or { Length: 0 }) => (StatusCodes.Status403Forbidden, "The receiver accepts no events",
                $"cannot match: no {EnterpriseNotificationOptions.Section}:ReceiverKey (or TopicKey) is configured"),
            _ when !SameSecret(presented, expected) => (StatusCodes.Status403Forbidden, "The receiver key is wrong", "does not match the receiver key"),
            _ => (0, string.Empty, string.Empty),
        };
        if (status == 0)
        {
            return null;
        }

        Log.ReceiverRefused(logger, status, rule);
        return TypedResults.Problem(
            title: title,
            detail: $"{KeyHeader}: {rule}; nothing was changed.",
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["field"] = KeyHeader, ["rule"] = rule });
    }

    // Compares hashes, so the time taken says nothing about the key's length or any prefix.
    private static bool SameSecret(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    private static bool IsCloudEvents(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/cloudevents", StringComparison.OrdinalIgnoreCase);

    private static JsonHttpResult<ValidationAnswer> Validate(BinaryData body, ILogger logger)
    {
        EventGridEvent[] events;
        try
        {
            events = EventGridEvent.ParseMany(body);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or FormatException)
        {
            throw new RequestValidationException("body", "must be Event Grid events or CloudEvents (" + ex.Message + ")");
        }

        foreach (var gridEvent in events)
        {
            if (gridEvent.TryGetSystemEventData(out var data) && data is SubscriptionValidationEventData validation)
            {
                Log.Validated(logger);
                return TypedResults.Json(new ValidationAnswer(validation.ValidationCode), EnterpriseJson.Default.ValidationAnswer);
            }
        }

        throw new RequestValidationException("body", $"Event Grid schema events are accepted only for {EnterpriseEventTypes.SubscriptionValidation}; send notifications as CloudEvents");
    }
}
