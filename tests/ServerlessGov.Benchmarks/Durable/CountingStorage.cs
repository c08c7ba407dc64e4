using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Benchmarks.Durable;

/// <summary>Wraps a store's ports and counts every call that reaches storage (one call is one request on Azure, a page of a query included).</summary>
internal sealed class CountingStorage(ITableStore tables, IQueueStore queues) : ITableStore, IQueueStore
{
    private long _requests;

    public long Requests => Interlocked.Read(ref _requests);

    public ITable GetTable(string name) => new CountingTable(tables.GetTable(name), this);

    public IQueue GetQueue(string name) => new CountingQueue(queues.GetQueue(name), this);

    public void Reset() => Interlocked.Exchange(ref _requests, 0);

    private T Count<T>(T result)
    {
        Interlocked.Increment(ref _requests);
        return result;
    }

    private sealed class CountingTable(ITable inner, CountingStorage counter) : ITable
    {
        public string Name => inner.Name;

        public Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => counter.Count(inner.CreateIfNotExistsAsync(cancellationToken));

        public Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default) => counter.Count(inner.DeleteIfExistsAsync(cancellationToken));

        public Task<ETag> AddAsync(TableEntity entity, CancellationToken cancellationToken = default) => counter.Count(inner.AddAsync(entity, cancellationToken));

        public Task<ETag> UpdateAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
            counter.Count(inner.UpdateAsync(entity, ifMatch, mode, cancellationToken));

        public Task<ETag> UpsertAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
            counter.Count(inner.UpsertAsync(entity, mode, cancellationToken));

        public Task<bool> DeleteAsync(string partitionKey, string rowKey, ETag? ifMatch = null, CancellationToken cancellationToken = default) =>
            counter.Count(inner.DeleteAsync(partitionKey, rowKey, ifMatch, cancellationToken));

        public Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
            counter.Count(inner.GetAsync(partitionKey, rowKey, cancellationToken));

        public Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken = default) => counter.Count(inner.QueryAsync(query, cancellationToken));

        public Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default) =>
            counter.Count(inner.SubmitTransactionAsync(actions, cancellationToken));
    }

    private sealed class CountingQueue(IQueue inner, CountingStorage counter) : IQueue
    {
        public string Name => inner.Name;

        public Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => counter.Count(inner.CreateIfNotExistsAsync(cancellationToken));

        public Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default) => counter.Count(inner.DeleteIfExistsAsync(cancellationToken));

        public Task<SendReceipt> SendAsync(BinaryData body, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
            counter.Count(inner.SendAsync(body, visibilityDelay, timeToLive, cancellationToken));

        public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default) =>
            counter.Count(inner.ReceiveAsync(maxMessages, visibilityTimeout, cancellationToken));

        public Task<IReadOnlyList<PeekedMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default) => counter.Count(inner.PeekAsync(maxMessages, cancellationToken));

        public Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default) =>
            counter.Count(inner.DeleteMessageAsync(messageId, popReceipt, cancellationToken));

        public Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, BinaryData? body = null, CancellationToken cancellationToken = default) =>
            counter.Count(inner.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout, body, cancellationToken));

        public Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default) => counter.Count(inner.GetApproximateCountAsync(cancellationToken));

        public Task ClearAsync(CancellationToken cancellationToken = default) => counter.Count(inner.ClearAsync(cancellationToken));
    }
}
