using Azure;
using Azure.Identity;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Microsoft.Extensions.Options;
using ServerlessGov.Hosting.Configuration;

namespace ServerlessGov.Functions.Enterprises;

/// <summary>
/// Handles one <c>enterprise-notifications</c> message: checks opt-outs, claims the notification's delivery row,
/// publishes the CloudEvent and records it sent. A failure is rethrown so the queue retries after its visibility
/// timeout; on the last attempt the delivery is marked failed first, and the host moves the message to poison.
/// </summary>
public sealed class EnterpriseNotificationSender
{
    private readonly EventGridPublisherClient? _publisher;
    private readonly DeliveryStore _deliveries;
    private readonly OptOutStore _optOuts;
    private readonly TimeProvider _time;
    private readonly EnterpriseNotificationOptions _options;
    private readonly int _maxAttempts;
    private readonly ILogger<EnterpriseNotificationSender> _logger;

    /// <summary>Creates the sender.</summary>
    public EnterpriseNotificationSender(
        DeliveryStore deliveries, OptOutStore optOuts, TimeProvider time,
        IOptions<EnterpriseNotificationOptions> options, FunctionsHostSettings hostSettings, ILogger<EnterpriseNotificationSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hostSettings);
        _deliveries = deliveries;
        _optOuts = optOuts;
        _time = time;
        _options = options.Value;
        _publisher = CreatePublisher(_options);
        _maxAttempts = hostSettings.Queues.MaxDequeueCount;
        _logger = logger;
    }

    /// <summary>
    /// Sends the notification of <paramref name="message"/>, received as queue message <paramref name="messageId"/> for the
    /// <paramref name="attempt"/>th time (the queue's dequeue count).
    /// </summary>
    /// <exception cref="RequestFailedException">The topic refused the event or could not be reached.</exception>
    /// <exception cref="InvalidOperationException">No topic endpoint is configured (allowed in Development only).</exception>
    /// <exception cref="NotificationInFlightException">Another message for the same notification is being published right now.</exception>
    public async Task SendAsync(PolicyMatchNotification message, string messageId, long attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        var eventId = NotificationEventIds.For(message.EnterpriseId, message.PolicyId, message.PolicyVersion);
        var refusal = await _optOuts.RefusalAsync(message.EnterpriseId, message.Category, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var changed = await _deliveries.ChangeAsync(eventId, current =>
        {
            var mayTake = current switch
            {
                null => true,
                { State: DeliveryState.Pending } => current.ClaimedBy == messageId || current.UpdatedAt + _options.ClaimTimeout <= now,
                { State: DeliveryState.Failed or DeliveryState.Withheld } => true,
                _ => false,
            };
            if (!mayTake)
            {
                return null;
            }

            var taken = current ?? new EnterpriseDelivery(eventId, message.EnterpriseId, message.PolicyId, message.PolicyVersion, DeliveryState.Pending, 0, 0, null, null, now);
            return refusal is null
                ? taken with { State = DeliveryState.Pending, Attempts = taken.Attempts + 1, ClaimedBy = messageId, Reason = null }
                : taken with { State = DeliveryState.Withheld, ClaimedBy = null, Reason = refusal };
        }, cancellationToken).ConfigureAwait(false);

        // A missing row is always taken, so the store hands back a record.
        var state = changed!;
        switch (state)
        {
            case { State: DeliveryState.Withheld, ClaimedBy: null } when refusal is not null:
                Log.Withheld(_logger, eventId, refusal);
                return;
            case { State: DeliveryState.Pending } when state.ClaimedBy != messageId:
                throw new NotificationInFlightException($"Notification {eventId} is being published for another message; this one is retried later.");
            case { State: not DeliveryState.Pending }:
                Log.AlreadyHandled(_logger, eventId, state.State);
                return;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.PublishTimeout);
            if (_publisher is null)
            {
                throw new InvalidOperationException($"{EnterpriseNotificationOptions.Section}:TopicEndpoint is not configured.");
            }

            await _publisher.SendEventAsync(ToCloudEvent(eventId, message), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or InvalidOperationException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            if (attempt >= _maxAttempts)
            {
                Log.FailedForGood(_logger, eventId, attempt);
                var reason = $"{ex.GetType().Name}: {ex.Message}";
                await _deliveries.ChangeAsync(eventId, current => current is { State: DeliveryState.Pending } && current.ClaimedBy == messageId
                    ? current with { State = DeliveryState.Failed, ClaimedBy = null, Reason = reason }
                    : null, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                Log.AttemptFailed(_logger, ex, eventId, attempt, _maxAttempts);
            }

            throw;
        }

        await _deliveries.ChangeAsync(eventId, current => current is { State: DeliveryState.Pending }
            ? current with { State = DeliveryState.Sent, ClaimedBy = null }
            : null, CancellationToken.None).ConfigureAwait(false);
        Log.Published(_logger, eventId, attempt);
    }

    private static EventGridPublisherClient? CreatePublisher(EnterpriseNotificationOptions options)
    {
        if (options.TopicEndpoint is null)
        {
            return null;
        }

        // Retries come from the queue (visibility timeout, then poison), so the client tries once per message attempt.
        var clientOptions = new EventGridPublisherClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = options.PublishTimeout } };
        return string.IsNullOrEmpty(options.TopicKey)
            ? new EventGridPublisherClient(options.TopicEndpoint, new DefaultAzureCredential(), clientOptions)
            : new EventGridPublisherClient(options.TopicEndpoint, new AzureKeyCredential(options.TopicKey), clientOptions);
    }

    private CloudEvent ToCloudEvent(string eventId, PolicyMatchNotification message)
    {
        var data = new PolicyMatchedEventData(
            message.EnterpriseId, message.PolicyId, message.PolicyVersion, message.Category,
            message.Outcome == MatchOutcome.Eligible ? "eligible" : "likely-eligible", message.FactsToConfirm);
        return new CloudEvent(EnterpriseEventTypes.Source, EnterpriseEventTypes.PolicyMatched,
            BinaryData.FromObjectAsJson(data, EnterpriseJson.Default.PolicyMatchedEventData), "application/json")
        {
            Id = eventId,
            Subject = $"enterprises/{message.EnterpriseId}/policies/{message.PolicyId}/versions/{message.PolicyVersion}",
            Time = _time.GetUtcNow(),
        };
    }
}
