using Azure;
using Azure.Storage.Queues;
using ServerlessGov.Storage.Azure.Pipeline;
using ServerlessGov.Storage.Queues;
using PeekedMessage = ServerlessGov.Storage.Queues.PeekedMessage;
using QueueMessage = ServerlessGov.Storage.Queues.QueueMessage;
using SendReceipt = ServerlessGov.Storage.Queues.SendReceipt;
using UpdateReceipt = ServerlessGov.Storage.Queues.UpdateReceipt;

namespace ServerlessGov.Storage.Azure.Queues;

/// <summary>
/// One queue: the port mapped onto the SDK's <see cref="QueueClient"/>, which encodes bodies as its options say
/// (base64 by default, as Azure Functions reads and writes them). Times go to the service in whole seconds rounded up.
/// </summary>
internal sealed class AzureQueue(QueueClient client, QueueMessageEncoding encoding) : IQueue
{
    /// <summary>Azure reports "never expires" as this expiration time (9999-12-31).</summary>
    private static readonly DateTimeOffset NeverExpires = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The SDK's <c>messagettl=-1</c>.</summary>
    private static readonly TimeSpan SdkNoExpiry = TimeSpan.FromSeconds(-1);

    public string Name => client.Name;

    public Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        AzureCall.RunAsync(async () =>
        {
            // 201: created; 204: it exists with the same metadata; 409 QueueAlreadyExists: it exists with other
            // metadata. A 409 QueueBeingDeleted is not "exists": the caller has to try again later.
            try
            {
                var response = await client.CreateAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                return response.Status == 201;
            }
            catch (RequestFailedException ex) when (ex.ErrorCode == "QueueAlreadyExists")
            {
                return false;
            }
        });

    public Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default) =>
        AzureCall.RunAsync(async () => (await client.DeleteIfExistsAsync(cancellationToken).ConfigureAwait(false)).Value);

    public async Task<SendReceipt> SendAsync(BinaryData body, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        QueueRules.ValidateSend(body, visibilityDelay, timeToLive);
        PlainTextBody.ValidateFor(encoding, body);
        var ttl = timeToLive ?? QueueRules.DefaultTimeToLive;
        var sent = (await AzureCall.RunAsync(() => client.SendMessageAsync(
            body, Seconds(visibilityDelay ?? TimeSpan.Zero), ttl == QueueRules.NoExpiry ? SdkNoExpiry : Seconds(ttl), cancellationToken)).ConfigureAwait(false)).Value;
        return new SendReceipt(sent.MessageId, sent.PopReceipt, sent.InsertionTime, Expiry(sent.ExpirationTime), sent.TimeNextVisible);
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        QueueRules.ValidateReceive(maxMessages, visibilityTimeout);
        var received = (await DecodedAsync(AzureCall.RunAsync(() => client.ReceiveMessagesAsync(
            maxMessages, Seconds(visibilityTimeout ?? QueueRules.DefaultVisibilityTimeout), cancellationToken))).ConfigureAwait(false)).Value;
        return received
            .Select(m => new QueueMessage(m.MessageId, m.PopReceipt, m.Body, m.DequeueCount, m.InsertedOn ?? default, Expiry(m.ExpiresOn), m.NextVisibleOn ?? default))
            .ToList();
    }

    public async Task<IReadOnlyList<PeekedMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        QueueRules.ValidateCount(maxMessages);
        var peeked = (await DecodedAsync(AzureCall.RunAsync(() => client.PeekMessagesAsync(maxMessages, cancellationToken))).ConfigureAwait(false)).Value;
        return peeked
            .Select(m => new PeekedMessage(m.MessageId, m.Body, m.DequeueCount, m.InsertedOn ?? default, Expiry(m.ExpiresOn)))
            .ToList();
    }

    public Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        return AzureCall.RunAsync(() => client.DeleteMessageAsync(messageId, popReceipt, cancellationToken), MessageCallError);
    }

    public async Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, BinaryData? body = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        QueueRules.ValidateUpdate(visibilityTimeout, body);
        if (body is not null)
        {
            PlainTextBody.ValidateFor(encoding, body);
        }

        var updated = (await AzureCall.RunAsync(
            () => client.UpdateMessageAsync(messageId, popReceipt, body, Seconds(visibilityTimeout), cancellationToken),
            MessageCallError).ConfigureAwait(false)).Value;
        return new UpdateReceipt(updated.PopReceipt, updated.NextVisibleOn);
    }

    public async Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default) =>
        (await AzureCall.RunAsync(() => client.GetPropertiesAsync(cancellationToken)).ConfigureAwait(false)).Value.ApproximateMessagesCount;

    public Task ClearAsync(CancellationToken cancellationToken = default) =>
        AzureCall.RunAsync(() => client.ClearMessagesAsync(cancellationToken));

    /// <exception cref="StorageException"><see cref="StorageErrorKind.Other"/> when a base64 queue holds a message that is not base64 (written by another encoder).</exception>
    private static async Task<T> DecodedAsync<T>(Task<T> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            throw new StorageException(StorageErrorKind.Other, 500, "InvalidMessageContent",
                "A message on this queue is not base64; it was written with messageEncoding 'none'. Read the queue with the same encoding it is written with.", ex);
        }
    }

    private static TimeSpan Seconds(TimeSpan span) => TimeSpan.FromSeconds(Math.Ceiling(span.TotalSeconds));

    private static DateTimeOffset? Expiry(DateTimeOffset? expiry) => expiry >= NeverExpires ? null : expiry;

    // A stale or foreign pop receipt is "400 InvalidQueryParameterValue" or "PopReceiptMismatch" on some service
    // versions; the port calls every such case NotFound, as the message is no longer the caller's to touch.
    private static StorageException MessageCallError(RequestFailedException ex) =>
        ex.Status == 400 && StorageErrors.CodeOf(ex) is "InvalidQueryParameterValue" or "PopReceiptMismatch"
            ? StorageErrors.From(ex, StorageErrorKind.NotFound)
            : StorageErrors.From(ex);
}
