using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Storage.Transactions;

/// <summary>One received message a transactional commit deletes, named by its id and current pop receipt.</summary>
public sealed record QueueDelete(IQueue Queue, string MessageId, string PopReceipt)
{
    /// <summary>The delete of a message as received.</summary>
    public static QueueDelete Of(IQueue queue, QueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(queue, message.MessageId, message.PopReceipt);
    }
}
