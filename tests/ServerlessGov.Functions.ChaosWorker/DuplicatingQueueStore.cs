using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Functions.ChaosWorker;

/// <summary>
/// A queue store that delivers a share of messages twice: when a message is received for the first time, a copy of
/// its body is sent to the same queue, visible at once, as at-least-once queues may do. Which messages are copied
/// depends only on the seed, the queue and the message id. Poison queues are left alone.
/// </summary>
internal sealed class DuplicatingQueueStore(IQueueStore inner, double share, int seed) : IQueueStore
{
    public IQueue GetQueue(string name)
    {
        var queue = inner.GetQueue(name);
        return share <= 0 || name.EndsWith("-poison", StringComparison.Ordinal) ? queue : new DuplicatingQueue(queue, this);
    }

    private bool ShouldDuplicate(string queue, QueueMessage message)
    {
        if (message.DequeueCount != 1)
        {
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{queue}\n{message.MessageId}"));
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) / (double)(1UL << 53) < share;
    }

    private sealed class DuplicatingQueue(IQueue inner, DuplicatingQueueStore store) : IQueue
    {
        public string Name => inner.Name;

        public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
        {
            var messages = await inner.ReceiveAsync(maxMessages, visibilityTimeout, cancellationToken).ConfigureAwait(false);
            foreach (var message in messages)
            {
                if (store.ShouldDuplicate(inner.Name, message))
                {
                    await inner.SendAsync(message.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
                    // Counted by the test from the process output.
                    await Console.Out.WriteLineAsync("chaos: delivered twice on " + inner.Name).ConfigureAwait(false);
                }
            }

            return messages;
        }

        public Task<SendReceipt> SendAsync(BinaryData body, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
            inner.SendAsync(body, visibilityDelay, timeToLive, cancellationToken);

        public Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => inner.CreateIfNotExistsAsync(cancellationToken);

        public Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default) => inner.DeleteIfExistsAsync(cancellationToken);

        public Task<IReadOnlyList<PeekedMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default) => inner.PeekAsync(maxMessages, cancellationToken);

        public Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default) =>
            inner.DeleteMessageAsync(messageId, popReceipt, cancellationToken);

        public Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, BinaryData? body = null, CancellationToken cancellationToken = default) =>
            inner.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout, body, cancellationToken);

        public Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default) => inner.GetApproximateCountAsync(cancellationToken);

        public Task ClearAsync(CancellationToken cancellationToken = default) => inner.ClearAsync(cancellationToken);
    }
}
