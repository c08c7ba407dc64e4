using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using ServerlessGov.Storage.Azure.Http;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Storage.Azure.Queues;

/// <summary>One queue over the Queue service REST API.</summary>
internal sealed class AzureQueue(HttpPipeline pipeline, Uri serviceUri, string name, MessageBodyCodec codec) : IQueue
{
    private readonly string _queue = $"{serviceUri.AbsoluteUri.TrimEnd('/')}/{name}";

    public string Name => name;

    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = await SendAsync(RequestMethod.Put, _queue, null, cancellationToken).ConfigureAwait(false);
        // 204: it exists with the same metadata; 409 QueueAlreadyExists: it exists with other metadata. A 409
        // QueueBeingDeleted is not "exists": the caller has to try again later.
        switch (message.Response.Status)
        {
            case 201:
                return true;
            case 204:
                return false;
            default:
                var error = Failure(message);
                return error.ErrorCode == "QueueAlreadyExists" ? false : throw error;
        }
    }

    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = await SendAsync(RequestMethod.Delete, _queue, null, cancellationToken).ConfigureAwait(false);
        return message.Response.Status switch
        {
            204 => true,
            404 => false,
            _ => throw Failure(message),
        };
    }

    public async Task<SendReceipt> SendAsync(BinaryData body, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        QueueRules.ValidateSend(body, visibilityDelay, timeToLive);
        var ttl = timeToLive ?? QueueRules.DefaultTimeToLive;
        var url = $"{_queue}/messages?visibilitytimeout={Seconds(visibilityDelay ?? TimeSpan.Zero)}&messagettl={(ttl == QueueRules.NoExpiry ? "-1" : Seconds(ttl))}";
        using var message = await SendAsync(RequestMethod.Post, url, QueueXml.MessageBody(codec.Encode(body)), cancellationToken).ConfigureAwait(false);
        if (message.Response.Status != 201)
        {
            throw Failure(message);
        }

        var sent = QueueXml.Messages(message.Response.Content).Single();
        return new SendReceipt(
            QueueXml.Text(sent, "MessageId"),
            QueueXml.Text(sent, "PopReceipt"),
            QueueXml.Time(sent, "InsertionTime"),
            QueueXml.Expiry(sent),
            QueueXml.Time(sent, "TimeNextVisible"));
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        QueueRules.ValidateReceive(maxMessages, visibilityTimeout);
        var timeout = Seconds(visibilityTimeout ?? QueueRules.DefaultVisibilityTimeout);
        var url = $"{_queue}/messages?numofmessages={maxMessages.ToString(CultureInfo.InvariantCulture)}&visibilitytimeout={timeout}";
        using var message = await SendAsync(RequestMethod.Get, url, null, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status != 200)
        {
            throw Failure(message);
        }

        return QueueXml.Messages(message.Response.Content)
            .Select(m => new QueueMessage(
                QueueXml.Text(m, "MessageId"),
                QueueXml.Text(m, "PopReceipt"),
                codec.Decode(QueueXml.Text(m, "MessageText")),
                long.Parse(QueueXml.Text(m, "DequeueCount"), CultureInfo.InvariantCulture),
                QueueXml.Time(m, "InsertionTime"),
                QueueXml.Expiry(m),
                QueueXml.Time(m, "TimeNextVisible")))
            .ToList();
    }

    public async Task<IReadOnlyList<PeekedMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        QueueRules.ValidateCount(maxMessages);
        var url = $"{_queue}/messages?peekonly=true&numofmessages={maxMessages.ToString(CultureInfo.InvariantCulture)}";
        using var message = await SendAsync(RequestMethod.Get, url, null, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status != 200)
        {
            throw Failure(message);
        }

        return QueueXml.Messages(message.Response.Content)
            .Select(m => new PeekedMessage(
                QueueXml.Text(m, "MessageId"),
                codec.Decode(QueueXml.Text(m, "MessageText")),
                long.Parse(QueueXml.Text(m, "DequeueCount"), CultureInfo.InvariantCulture),
                QueueXml.Time(m, "InsertionTime"),
                QueueXml.Expiry(m)))
            .ToList();
    }

    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using var message = await SendAsync(RequestMethod.Delete, MessageUrl(messageId, popReceipt), null, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status != 204)
        {
            throw Failure(message, messageCall: true);
        }
    }

    public async Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, BinaryData? body = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        QueueRules.ValidateUpdate(visibilityTimeout, body);
        var url = $"{MessageUrl(messageId, popReceipt)}&visibilitytimeout={Seconds(visibilityTimeout)}";
        var content = body is null ? null : QueueXml.MessageBody(codec.Encode(body));
        using var message = await SendAsync(RequestMethod.Put, url, content, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 204)
        {
            throw Failure(message, messageCall: true);
        }

        response.Headers.TryGetValue("x-ms-popreceipt", out var receipt);
        response.Headers.TryGetValue("x-ms-time-next-visible", out var nextVisible);
        if (string.IsNullOrEmpty(receipt) || string.IsNullOrEmpty(nextVisible))
        {
            throw new StorageException(StorageErrorKind.Other, 500, "InvalidResponse", "The queue service's update response lacks the new pop receipt or visibility time.");
        }

        return new UpdateReceipt(receipt, QueueXml.ParseTime(nextVisible));
    }

    public async Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default)
    {
        using var message = await SendAsync(RequestMethod.Get, $"{_queue}?comp=metadata", null, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status != 200)
        {
            throw Failure(message);
        }

        return message.Response.Headers.TryGetValue("x-ms-approximate-messages-count", out var count)
            ? int.Parse(count, CultureInfo.InvariantCulture)
            : throw new StorageException(StorageErrorKind.Other, 500, "InvalidResponse", "The queue service did not return a message count.");
    }

    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        using var message = await SendAsync(RequestMethod.Delete, $"{_queue}/messages", null, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status != 204)
        {
            throw Failure(message);
        }
    }

    private static string Seconds(TimeSpan span) =>
        ((long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static StorageException Failure(HttpMessage message, bool messageCall = false)
    {
        var error = StorageErrors.FromResponse(message.Response, AttemptLoggingPolicy.AttemptsOf(message));

        // A stale or foreign pop receipt is "400 InvalidQueryParameterValue" or "PopReceiptMismatch" on some service
        // versions; the port calls every such case NotFound, as the message is no longer the caller's to touch.
        return messageCall && error.Status == 400 && error.ErrorCode is "InvalidQueryParameterValue" or "PopReceiptMismatch"
            ? new StorageException(StorageErrorKind.NotFound, error.Status, error.ErrorCode, error.Message)
            : error;
    }

    private string MessageUrl(string messageId, string popReceipt) =>
        $"{_queue}/messages/{Uri.EscapeDataString(messageId)}?popreceipt={Uri.EscapeDataString(popReceipt)}";

    private async Task<HttpMessage> SendAsync(RequestMethod method, string url, byte[]? body, CancellationToken cancellationToken)
    {
        var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri(url));
        if (body is not null)
        {
            message.Request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
            message.Request.Content = RequestContent.Create(body);
        }

        try
        {
            await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }
}
