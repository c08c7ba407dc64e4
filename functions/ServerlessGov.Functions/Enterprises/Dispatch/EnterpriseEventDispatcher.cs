using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure;
using Azure.Identity;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Microsoft.Extensions.Options;
using ServerlessGov.Functions.Enterprises.Webhooks;
using ServerlessGov.Hosting.Configuration;
using ServerlessGov.Hosting.Queues;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Functions.Enterprises.Dispatch;

/// <summary>
/// Sends one event to one enterprise, once: checks opt-outs, claims the delivery row (idempotency key = CloudEvent
/// id; a copy arriving while another host holds the claim waits for it), picks the destination (the enterprise's
/// validated webhook, else the topic), takes a rate-limit slot, sends, and records the outcome. A failure waits out a
/// doubling backoff and is rethrown so the queue retries it; on the last attempt the delivery is marked failed and the
/// host dead-letters the message with the reason. A webhook that answers 400/401/403/413, or whose host now resolves to
/// an address the app may not call (<see cref="WebhookAddressGuard"/>), is dead-lettered at once.
/// </summary>
public sealed class EnterpriseEventDispatcher
{
    private static readonly TimeSpan ClaimPoll = TimeSpan.FromMilliseconds(100);
    private readonly EventGridPublisherClient? _publisher;
    private readonly DeliveryStore _deliveries;
    private readonly OptOutStore _optOuts;
    private readonly WebhookStore _webhooks;
    private readonly EndpointRateLimiter _rates;
    private readonly IHttpClientFactory _clients;
    private readonly IQueueStore _queues;
    private readonly TimeProvider _time;
    private readonly EnterpriseNotificationOptions _options;
    private readonly int _maxAttempts;
    private readonly ILogger<EnterpriseEventDispatcher> _logger;

    /// <summary>Creates the dispatcher.</summary>
    public EnterpriseEventDispatcher(
        DeliveryStore deliveries, OptOutStore optOuts, WebhookStore webhooks, EndpointRateLimiter rates, IHttpClientFactory clients, IQueueStore queues,
        TimeProvider time, IOptions<EnterpriseNotificationOptions> options, FunctionsHostSettings hostSettings, ILogger<EnterpriseEventDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hostSettings);
        _deliveries = deliveries;
        _optOuts = optOuts;
        _webhooks = webhooks;
        _rates = rates;
        _clients = clients;
        _queues = queues;
        _time = time;
        _options = options.Value;
        _publisher = CreatePublisher(_options);
        _maxAttempts = hostSettings.Queues.MaxDequeueCount;
        _logger = logger;
    }

    /// <summary>Sends <paramref name="outgoing"/>, received as the queue message <paramref name="received"/> with body <paramref name="body"/>.</summary>
    /// <exception cref="RequestFailedException">The topic refused the event or could not be reached.</exception>
    /// <exception cref="WebhookDeliveryException">The enterprise's webhook could not be reached or answered a retryable failure.</exception>
    /// <exception cref="InvalidOperationException">No topic endpoint is configured (allowed in Development only).</exception>
    /// <exception cref="NotificationInFlightException">Another message still holds the claim after <see cref="EnterpriseNotificationOptions.ClaimTimeout"/>.</exception>
    public async Task DispatchAsync(OutgoingEvent outgoing, ReceivedMessage received, BinaryData body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outgoing);
        ArgumentNullException.ThrowIfNull(received);
        var messageId = received.MessageId;
        var eventId = outgoing.EventId;
        var refusal = await _optOuts.RefusalAsync(outgoing.EnterpriseId, outgoing.Category, cancellationToken).ConfigureAwait(false);
        var state = await ClaimAsync(outgoing, messageId, refusal, cancellationToken).ConfigureAwait(false);
        switch (state)
        {
            case { State: DeliveryState.Withheld, ClaimedBy: null } when refusal is not null:
                Log.Withheld(_logger, eventId, refusal);
                return;
            case { State: DeliveryState.Pending } when state.ClaimedBy != messageId:
                throw new NotificationInFlightException($"Notification {eventId} is still being published for another message; this one is retried later.");
            case { State: not DeliveryState.Pending }:
                Log.AlreadyHandled(_logger, eventId, state.State);
                return;
        }

        var webhook = await _webhooks.GetAsync(outgoing.EnterpriseId, cancellationToken).ConfigureAwait(false);
        var destination = webhook is null ? "topic" : "webhook";
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (webhook is null)
            {
                var publisher = _publisher ?? throw new InvalidOperationException($"{EnterpriseNotificationOptions.Section}:TopicEndpoint is not configured.");
                await _rates.WaitForSlotAsync(_options.TopicEndpoint!, cancellationToken).ConfigureAwait(false);
                timeout.CancelAfter(_options.PublishTimeout);
                await publisher.SendEventAsync(outgoing.Build(_time.GetUtcNow()), timeout.Token).ConfigureAwait(false);
            }
            else
            {
                // The body is ready before the slot comes, so the request leaves on its slot.
                var payload = JsonSerializer.SerializeToUtf8Bytes(outgoing.Build(_time.GetUtcNow()));
                await _rates.WaitForSlotAsync(webhook.Url, cancellationToken).ConfigureAwait(false);
                timeout.CancelAfter(_options.PublishTimeout);
                await PostToWebhookAsync(webhook.Url, payload, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (WebhookRejectedException ex)
        {
            await FailAsync(eventId, messageId, destination, ex, received.DequeueCount).ConfigureAwait(false);
            await DeadLetterAsync(received, body, $"{ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (ex is RequestFailedException or WebhookDeliveryException or InvalidOperationException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            if (received.DequeueCount >= _maxAttempts)
            {
                await FailAsync(eventId, messageId, destination, ex, received.DequeueCount).ConfigureAwait(false);
            }
            else
            {
                Log.AttemptFailed(_logger, ex, eventId, received.DequeueCount, _maxAttempts);
                var backoff = TimeSpan.FromTicks(Math.Min(_options.RetryBackoff.Ticks << (int)Math.Min(received.DequeueCount - 1, 10), TimeSpan.TicksPerMinute));
                await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(false);
            }

            throw;
        }

        await _deliveries.ChangeAsync(eventId, current => current is { State: DeliveryState.Pending }
            ? current with { State = webhook is null ? DeliveryState.Sent : DeliveryState.Delivered, ClaimedBy = null, Destination = destination }
            : null, CancellationToken.None).ConfigureAwait(false);
        Log.Published(_logger, eventId, received.DequeueCount);
    }

    private async Task<EnterpriseDelivery> ClaimAsync(OutgoingEvent outgoing, string messageId, string? refusal, CancellationToken cancellationToken)
    {
        var waitUntil = _time.GetUtcNow() + _options.ClaimTimeout;
        while (true)
        {
            var now = _time.GetUtcNow();
            var changed = await _deliveries.ChangeAsync(outgoing.EventId, current =>
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

                var taken = current ?? outgoing.Template with { State = DeliveryState.Pending, UpdatedAt = now };
                return refusal is null
                    ? taken with { State = DeliveryState.Pending, Attempts = taken.Attempts + 1, ClaimedBy = messageId, Reason = null }
                    : taken with { State = DeliveryState.Withheld, ClaimedBy = null, Reason = refusal };
            }, cancellationToken).ConfigureAwait(false);

            // A missing row is always taken, so the store hands back a record.
            var state = changed!;
            if (state is not { State: DeliveryState.Pending } || state.ClaimedBy == messageId || now >= waitUntil)
            {
                return state;
            }

            // Another host is publishing this event right now: wait for its outcome instead of spending a queue attempt.
            await Task.Delay(ClaimPoll, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FailAsync(string eventId, string messageId, string destination, Exception ex, long attempt)
    {
        Log.FailedForGood(_logger, eventId, attempt);
        var reason = $"{ex.GetType().Name}: {ex.Message}";
        await _deliveries.ChangeAsync(eventId, current => current is { State: DeliveryState.Pending } && current.ClaimedBy == messageId
            ? current with { State = DeliveryState.Failed, ClaimedBy = null, Reason = reason, Destination = destination }
            : null, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task PostToWebhookAsync(Uri url, byte[] cloudEvent, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(cloudEvent);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json") { CharSet = "utf-8" };
        HttpResponseMessage answer;
        try
        {
            answer = await _clients.CreateClient(WebhookValidator.ClientName).PostAsync(url, content, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ForbiddenAddress(ex) is { } forbidden)
        {
            throw new WebhookRejectedException("The webhook was not called: " + forbidden.Message, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new WebhookDeliveryException("The webhook could not be reached: " + ex.Message, ex);
        }

        using (answer)
        {
            var status = (int)answer.StatusCode;
            if (status is >= 200 and <= 204)
            {
                return;
            }

            if (answer.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.RequestEntityTooLarge)
            {
                throw new WebhookRejectedException($"The webhook answered {status}; not retried.");
            }

            throw new WebhookDeliveryException($"The webhook answered {status}.");
        }
    }

    private static ForbiddenWebhookAddressException? ForbiddenAddress(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is ForbiddenWebhookAddressException forbidden)
            {
                return forbidden;
            }
        }

        return null;
    }

    private async Task DeadLetterAsync(ReceivedMessage received, BinaryData body, string reason)
    {
        var poison = new PoisonMessage
        {
            FunctionName = received.FunctionName,
            Queue = received.QueueName,
            MessageId = received.MessageId,
            DequeueCount = received.DequeueCount,
            InsertedOn = received.InsertedOn,
            PoisonedOn = _time.GetUtcNow(),
            Reason = reason,
            Body = body.ToString(),
        };
        var queue = _queues.GetQueue(received.QueueName + "-poison");
        await queue.CreateIfNotExistsAsync(CancellationToken.None).ConfigureAwait(false);
        await queue.SendAsync(BinaryData.FromObjectAsJson(poison, EnterpriseJson.Default.PoisonMessage), timeToLive: QueueRules.NoExpiry, cancellationToken: CancellationToken.None).ConfigureAwait(false);
    }

    private static EventGridPublisherClient? CreatePublisher(EnterpriseNotificationOptions options)
    {
        if (options.TopicEndpoint is null)
        {
            return null;
        }

        // Retries come from the queue (backoff, visibility timeout, then poison), so the client tries once per message attempt.
        var clientOptions = new EventGridPublisherClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = options.PublishTimeout } };
        return string.IsNullOrEmpty(options.TopicKey)
            ? new EventGridPublisherClient(options.TopicEndpoint, new DefaultAzureCredential(), clientOptions)
            : new EventGridPublisherClient(options.TopicEndpoint, new AzureKeyCredential(options.TopicKey), clientOptions);
    }
}
