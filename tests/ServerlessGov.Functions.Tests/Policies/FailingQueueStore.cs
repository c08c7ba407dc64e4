using ServerlessGov.Storage;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Functions.Tests.Policies;

/// <summary>A real queue store whose sends fail while <see cref="Down"/> is set, as when the process dies or the queue is unreachable right after a commit.</summary>
internal sealed class FailingQueueStore(IQueueStore inner) : IQueueStore
{
    public bool Down { get; set; }

    public IQueue GetQueue(string name) => new Queue(inner.GetQueue(name), this);

    private sealed class Queue(IQueue inner, FailingQueueStore owner) : IQueue
    {
        public string Name => inner.Name;

        public Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => inner.CreateIfNotExistsAsync(cancellationToken);

        public Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default) => inner.DeleteIfExistsAsync(cancellationToken);

        public Task<SendReceipt> SendAsync(BinaryData body, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
            owner.Down
                ? throw new StorageException(StorageErrorKind.Other, 503, "ServerBusy", "The queue is unreachable.")
                : inner.SendAsync(body, visibilityDelay, timeToLive, cancellationToken);

        public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default) =>
            inner.ReceiveAsync(maxMessages, visibilityTimeout, cancellationToken);

        public Task<IReadOnlyList<PeekedMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default) => inner.PeekAsync(maxMessages, cancellationToken);

        public Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default) =>
            inner.DeleteMessageAsync(messageId, popReceipt, cancellationToken);

        public Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, BinaryData? body = null, CancellationToken cancellationToken = default) =>
            inner.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout, body, cancellationToken);

        public Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default) => inner.GetApproximateCountAsync(cancellationToken);

        public Task ClearAsync(CancellationToken cancellationToken = default) => inner.ClearAsync(cancellationToken);
    }
}
