using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Hosting.Queues;

/// <summary>The host's <see cref="IQueueStore"/>: the real store, whose sends also wake this process's listener of the queue.</summary>
internal sealed class SignalingQueueStore(IQueueStore inner, QueueWakeSignals signals) : IQueueStore
{
    /// <summary>The real store whose sends this one signals.</summary>
    public IQueueStore Inner => inner;

    public IQueue GetQueue(string name) => new SignalingQueue(inner.GetQueue(name), signals);

    private sealed class SignalingQueue(IQueue inner, QueueWakeSignals signals) : IQueue
    {
        public string Name => inner.Name;

        public async Task<SendReceipt> SendAsync(BinaryData body, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
        {
            var receipt = await inner.SendAsync(body, visibilityDelay, timeToLive, cancellationToken).ConfigureAwait(false);
            if (visibilityDelay is null || visibilityDelay <= TimeSpan.Zero)
            {
                signals.Signal(inner.Name);
            }

            return receipt;
        }

        public Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => inner.CreateIfNotExistsAsync(cancellationToken);

        public Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default) => inner.DeleteIfExistsAsync(cancellationToken);

        public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default) =>
            inner.ReceiveAsync(maxMessages, visibilityTimeout, cancellationToken);

        public Task<IReadOnlyList<PeekedMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default) =>
            inner.PeekAsync(maxMessages, cancellationToken);

        public Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default) =>
            inner.DeleteMessageAsync(messageId, popReceipt, cancellationToken);

        public Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, BinaryData? body = null, CancellationToken cancellationToken = default) =>
            inner.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout, body, cancellationToken);

        public Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default) => inner.GetApproximateCountAsync(cancellationToken);

        public Task ClearAsync(CancellationToken cancellationToken = default) => inner.ClearAsync(cancellationToken);
    }
}
