using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ServerlessGov.Durable.History;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Durable.Engine;

/// <summary>What both dispatchers do with a message they will not process now: set it aside as poison, re-arm it until due, or hand it back.</summary>
internal sealed class MessageHandling(DurableStore store, ILogger logger)
{
    private const int MaxPoisonBodyChars = 30 * 1024;

    /// <summary>Moves a message to <c>&lt;queue&gt;-poison</c> with its reason and fails the instance it was for.</summary>
    public async Task SetAsideAsync(IQueue queue, QueueMessage raw, DurableMessage? message, string reason, CancellationToken cancellationToken)
    {
        Logs.MessageSetAside(logger, queue.Name, raw.DequeueCount, reason);
        var body = Encoding.UTF8.GetString(raw.Body.ToMemory().Span);
        if (body.Length > MaxPoisonBodyChars)
        {
            body = body[..MaxPoisonBodyChars];
        }

        var record = new PoisonRecord(queue.Name, raw.MessageId, raw.DequeueCount, reason, body);
        await store.PoisonQueueFor(queue)
            .SendAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(record, DurableJsonContext.Default.PoisonRecord)), null, QueueRules.NoExpiry, cancellationToken)
            .ConfigureAwait(false);
        if (message is not null && message.Event is not PoisonMessageEvent)
        {
            var notice = new DurableMessage(Guid.NewGuid().ToString("N"), message.InstanceId, message.ExecutionId,
                new PoisonMessageEvent($"A message ({KindOf(message.Event)}) was set aside to {queue.Name}-poison after {raw.DequeueCount} attempts: {reason}")
                { Timestamp = store.Time.GetUtcNow() });
            await store.SendAsync(new OutboxEntry(false, null, notice), cancellationToken).ConfigureAwait(false);
        }

        await DeleteAsync(queue, raw, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The event's kind as people say it: <c>EventRaisedEvent</c> is "EventRaised".</summary>
    private static string KindOf(HistoryEvent historyEvent)
    {
        var name = historyEvent.GetType().Name;
        return name.EndsWith("Event", StringComparison.Ordinal) ? name[..^"Event".Length] : name;
    }

    /// <summary>Sends a fresh copy due at <paramref name="dueAt"/> (at most 7 days away) and deletes the early one.</summary>
    public async Task RearmAsync(IQueue queue, QueueMessage raw, DurableMessage message, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var delay = dueAt - store.Time.GetUtcNow();
        Logs.MessageRearmed(logger, delay);
        if (delay > TimeSpan.FromHours(1) && message.Event is TimerFiredEvent
            && await store.GetRowAsync(message.InstanceId, cancellationToken).ConfigureAwait(false) is var row
            && (row is null || row.IsTerminal || row.ExecutionId != message.ExecutionId))
        {
            await DeleteAsync(queue, raw, cancellationToken).ConfigureAwait(false);
            return;
        }

        await queue.SendAsync(raw.Body, delay > QueueRules.MaxVisibility ? QueueRules.MaxVisibility : delay, QueueRules.NoExpiry, cancellationToken).ConfigureAwait(false);
        await DeleteAsync(queue, raw, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes a message visible again at once (a failure: its dequeue count already counts the attempt).</summary>
    public async Task HandBackAsync(IQueue queue, QueueMessage raw)
    {
        try
        {
            await queue.UpdateMessageAsync(raw.MessageId, raw.PopReceipt, TimeSpan.Zero).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StorageException or OperationCanceledException)
        {
            Logs.HandBackFailed(logger, queue.Name, ex);
        }
    }

    /// <summary>Deletes a processed message; one already gone (another receiver took it over) is fine.</summary>
    public static async Task DeleteAsync(IQueue queue, QueueMessage raw, CancellationToken cancellationToken)
    {
        try
        {
            await queue.DeleteMessageAsync(raw.MessageId, raw.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (ex.Kind == StorageErrorKind.NotFound)
        {
            // Its receipt expired and someone else holds it now; they will find it already applied.
        }
    }

    /// <summary>When the message may take effect, if that is later than now.</summary>
    public DateTimeOffset? EarlyUntil(DurableMessage message)
    {
        var due = message.Event switch
        {
            TimerFiredEvent timer => timer.FireAt,
            ExecutionStartedEvent { StartAt: { } startAt } => startAt,
            _ => (DateTimeOffset?)null,
        };
        return due is { } at && at > store.Time.GetUtcNow() ? at : null;
    }
}
