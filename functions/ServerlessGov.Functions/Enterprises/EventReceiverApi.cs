using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using ServerlessGov.Hosting.Http;

namespace ServerlessGov.Functions.Enterprises;

/// <summary>
/// The app's own Event Grid subscriber (public on purpose: Event Grid calls it without a token). It answers both
/// validation handshakes and marks a delivered notification delivered; events it does not know are acknowledged and dropped.
/// </summary>
public static class EventReceiverApi
{
    /// <summary>The header Event Grid puts on its deliveries, naming the kind (<c>SubscriptionValidation</c>, <c>Notification</c>).</summary>
    public const string EventTypeHeader = "aeg-event-type";

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
    /// </summary>
    /// <exception cref="RequestValidationException">The body is not an Event Grid or CloudEvents payload.</exception>
    public static async Task<IResult> ReceiveAsync(HttpContext http, DeliveryStore deliveries, ILogger<DeliveryStore> logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(deliveries);
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            throw new RequestValidationException("body", $"must be at most {MaxBodyBytes} bytes");
        }

        var body = await BinaryData.FromStreamAsync(http.Request.Body, cancellationToken).ConfigureAwait(false);
        if (string.Equals(http.Request.Headers[EventTypeHeader], "SubscriptionValidation", StringComparison.OrdinalIgnoreCase)
            || !IsCloudEvents(http.Request.ContentType))
        {
            return Validate(body, logger);
        }

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
