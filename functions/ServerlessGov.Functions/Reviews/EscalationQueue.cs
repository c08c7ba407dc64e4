using System.Text.Json;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// Puts <see cref="ReviewEscalation"/> messages on <see cref="ReviewEscalation.QueueName"/>: the one way the review
/// loop's timers, the sweep and an action that lands after a deadline ask for a ladder step to be notified.
/// </summary>
public sealed class EscalationQueue
{
    private readonly IQueueStore _queues;
    private int _queueCreated;

    public EscalationQueue(IQueueStore queues)
    {
        ArgumentNullException.ThrowIfNull(queues);
        _queues = queues;
    }

    /// <summary>Puts one escalation on the queue.</summary>
    /// <exception cref="Storage.StorageException">The store failed.</exception>
    public async Task SendAsync(ReviewEscalation escalation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        var queue = _queues.GetQueue(ReviewEscalation.QueueName);
        if (Volatile.Read(ref _queueCreated) == 0)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _queueCreated, 1);
        }

        await queue.SendAsync(BinaryData.FromString(JsonSerializer.Serialize(escalation, ReviewJson.Escalation)), cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
