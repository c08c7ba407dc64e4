using Azure;
using Azure.Messaging;
using ServerlessGov.Functions.Enterprises.Dispatch;

namespace ServerlessGov.Functions.Enterprises;

/// <summary>
/// Handles one <c>enterprise-notifications</c> message: turns the match into its
/// <see cref="EnterpriseEventTypes.PolicyMatched"/> CloudEvent and hands it to the
/// <see cref="EnterpriseEventDispatcher"/> (opt-outs, one send per idempotency key, destination, rate limit, retries).
/// </summary>
public sealed class EnterpriseNotificationSender
{
    private readonly EnterpriseEventDispatcher _dispatcher;

    /// <summary>Creates the sender.</summary>
    public EnterpriseNotificationSender(EnterpriseEventDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        _dispatcher = dispatcher;
    }

    /// <summary>Sends the notification of <paramref name="message"/>, received as the queue message <paramref name="received"/>.</summary>
    /// <exception cref="RequestFailedException">The topic refused the event or could not be reached.</exception>
    /// <exception cref="WebhookDeliveryException">The enterprise's webhook could not be reached or failed.</exception>
    /// <exception cref="InvalidOperationException">No topic endpoint is configured (allowed in Development only).</exception>
    /// <exception cref="NotificationInFlightException">Another message still holds the claim on this notification.</exception>
    public Task SendAsync(PolicyMatchNotification message, ReceivedMessage received, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var eventId = NotificationEventIds.For(message.EnterpriseId, message.PolicyId, message.PolicyVersion);
        var template = new EnterpriseDelivery(eventId, message.EnterpriseId, message.PolicyId, message.PolicyVersion, DeliveryState.Pending, 0, 0, null, null, default)
        {
            Outcome = message.Outcome,
            FactsToConfirm = message.FactsToConfirm,
        };
        var data = new PolicyMatchedEventData(
            message.EnterpriseId, message.PolicyId, message.PolicyVersion, message.Category,
            message.Outcome == MatchOutcome.Eligible ? "eligible" : "likely-eligible", message.FactsToConfirm);
        var body = BinaryData.FromObjectAsJson(message, EnterpriseJson.Default.PolicyMatchNotification);
        return _dispatcher.DispatchAsync(new OutgoingEvent(eventId, EnterpriseEventTypes.PolicyMatched, message.EnterpriseId, message.Category, template, at =>
            new CloudEvent(EnterpriseEventTypes.Source, EnterpriseEventTypes.PolicyMatched,
                BinaryData.FromObjectAsJson(data, EnterpriseJson.Default.PolicyMatchedEventData), "application/json", CloudEventDataFormat.Json)
            {
                Id = eventId,
                Subject = $"enterprises/{message.EnterpriseId}/policies/{message.PolicyId}/versions/{message.PolicyVersion}",
                Time = at,
            }), received, body, cancellationToken);
    }
}
