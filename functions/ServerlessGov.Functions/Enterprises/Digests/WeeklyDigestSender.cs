using Azure.Messaging;
using ServerlessGov.Functions.Enterprises.Dispatch;

namespace ServerlessGov.Functions.Enterprises.Digests;

/// <summary>Handles one <c>enterprise-digests</c> message: its <see cref="EnterpriseEventTypes.WeeklyDigest"/> CloudEvent goes through the dispatcher, once per (enterprise, week).</summary>
public sealed class WeeklyDigestSender
{
    private readonly EnterpriseEventDispatcher _dispatcher;

    /// <summary>Creates the sender.</summary>
    public WeeklyDigestSender(EnterpriseEventDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        _dispatcher = dispatcher;
    }

    /// <summary>Sends the digest of <paramref name="request"/>, received as the queue message <paramref name="received"/>.</summary>
    /// <exception cref="Azure.RequestFailedException">The topic refused the event or could not be reached.</exception>
    /// <exception cref="WebhookDeliveryException">The enterprise's webhook could not be reached or failed.</exception>
    /// <exception cref="NotificationInFlightException">Another message still holds the claim on this digest.</exception>
    public Task SendAsync(WeeklyDigestRequest request, ReceivedMessage received, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var eventId = WeeklyDigestScheduler.EventIdFor(request.EnterpriseId, request.Week);
        var template = new EnterpriseDelivery(eventId, request.EnterpriseId, null, null, DeliveryState.Pending, 0, 0, null, null, default)
        {
            EventType = EnterpriseEventTypes.WeeklyDigest,
        };
        var data = new WeeklyDigestEventData(request.EnterpriseId, request.Week, request.OpenMatches);
        var body = BinaryData.FromObjectAsJson(request, EnterpriseJson.Default.WeeklyDigestRequest);
        return _dispatcher.DispatchAsync(new OutgoingEvent(eventId, EnterpriseEventTypes.WeeklyDigest, request.EnterpriseId, WeeklyDigestRequest.Category, template, at =>
            new CloudEvent(EnterpriseEventTypes.Source, EnterpriseEventTypes.WeeklyDigest,
                BinaryData.FromObjectAsJson(data, EnterpriseJson.Default.WeeklyDigestEventData), "application/json", CloudEventDataFormat.Json)
            {
                Id = eventId,
                Subject = $"enterprises/{request.EnterpriseId}/digests/{request.Week}",
                Time = at,
            }), received, body, cancellationToken);
    }
}
