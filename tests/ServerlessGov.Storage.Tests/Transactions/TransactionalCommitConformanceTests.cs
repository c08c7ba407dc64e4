using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Storage.Transactions;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Transactions;

/// <summary>
/// The contract of the optional <see cref="ITransactionalCommitStore"/> capability, run against every adapter that
/// has it: a table batch, queue sends and queue deletes take effect together or not at all.
/// </summary>
public abstract class TransactionalCommitConformanceTests
{
    protected TransactionalCommitConformanceTests(IStorageAdapterFixture fixture, ITransactionalCommitStore store)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        Fixture = fixture;
        Store = store;
    }

    protected IStorageAdapterFixture Fixture { get; }

    protected ITransactionalCommitStore Store { get; }

    [Fact]
    public async Task Commit_BatchSendsAndDeletes_AllTakeEffect()
    {
        var (table, queue) = await NewTableAndQueueAsync();
        var original = await table.AddAsync(new TableEntity("p", "status") { ["Step"] = 1 });
        await queue.SendAsync(BinaryData.FromString("request"));
        var received = Assert.Single(await queue.ReceiveAsync());

        var result = await Store.CommitAsync(new TransactionalCommit(table,
            [
                new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "status") { ["Step"] = 2 }, original),
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "history-1")),
            ],
            [new QueueSend(queue, BinaryData.FromString("next"))],
            [QueueDelete.Of(queue, received)]));

        Assert.Equal(2, result.ETags.Count);
        var status = await table.GetAsync("p", "status");
        Assert.Equal(2, status!.GetInt32("Step"));
        Assert.Equal(result.ETags[0], status.ETag);
        Assert.NotNull(await table.GetAsync("p", "history-1"));
        Assert.Equal(1, result.Deleted);
        var next = Assert.Single(await queue.ReceiveAsync(32));
        Assert.Equal("next", next.Body.ToString());
        Assert.Equal(Assert.Single(result.Sent).MessageId, next.MessageId);
    }

    [Fact]
    public async Task Commit_StaleETag_NothingIsSentOrDeleted()
    {
        var (table, queue) = await NewTableAndQueueAsync();
        var original = await table.AddAsync(new TableEntity("p", "status") { ["Step"] = 1 });
        await table.UpdateAsync(new TableEntity("p", "status") { ["Step"] = 5 }, original);
        await queue.SendAsync(BinaryData.FromString("request"));
        var received = Assert.Single(await queue.ReceiveAsync());

        var ex = await Assert.ThrowsAsync<StorageException>(() => Store.CommitAsync(new TransactionalCommit(table,
            [new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "status") { ["Step"] = 2 }, original)],
            [new QueueSend(queue, BinaryData.FromString("next"))],
            [QueueDelete.Of(queue, received)])));

        Assert.Equal(StorageErrorKind.PreconditionFailed, ex.Kind);
        Assert.Equal(0, ex.FailedIndex);
        Assert.Equal(5, (await table.GetAsync("p", "status"))!.GetInt32("Step"));
        Assert.Equal(1, await queue.GetApproximateCountAsync());
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);
    }

    [Fact]
    public async Task Commit_SendOverTheSizeLimit_NothingIsWritten()
    {
        var (table, queue) = await NewTableAndQueueAsync();

        var ex = await Assert.ThrowsAsync<StorageException>(() => Store.CommitAsync(new TransactionalCommit(table,
            [new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "status"))],
            [new QueueSend(queue, new BinaryData(new byte[QueueRules.MaxMessageBytes + 1]))],
            [])));

        Assert.Equal(StorageErrorKind.TooLarge, ex.Kind);
        Assert.Null(await table.GetAsync("p", "status"));
        Assert.Equal(0, await queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task Commit_MissingQueue_NothingIsWritten()
    {
        var (table, _) = await NewTableAndQueueAsync();
        var missing = Fixture.Queues.GetQueue(UniqueNames.Queue());

        var ex = await Assert.ThrowsAsync<StorageException>(() => Store.CommitAsync(new TransactionalCommit(table,
            [new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "status"))],
            [new QueueSend(missing, BinaryData.FromString("lost"))],
            [])));

        Assert.Equal(StorageErrorKind.NotFound, ex.Kind);
        Assert.Null(await table.GetAsync("p", "status"));
    }

    [Fact]
    public async Task Commit_DeleteWithAStaleReceipt_IsSkippedAndTheRestCommits()
    {
        var (_, queue) = await NewTableAndQueueAsync();
        await queue.SendAsync(BinaryData.FromString("request"));
        var first = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1)));
        var update = await queue.UpdateMessageAsync(first.MessageId, first.PopReceipt, TimeSpan.FromSeconds(30));

        var result = await Store.CommitAsync(TransactionalCommit.Messages(
            [new QueueSend(queue, BinaryData.FromString("reply"))],
            [QueueDelete.Of(queue, first)]));

        Assert.Equal(0, result.Deleted);
        Assert.Equal(2, await queue.GetApproximateCountAsync());
        var reply = Assert.Single(await queue.ReceiveAsync(32));
        Assert.Equal("reply", reply.Body.ToString());
        await queue.DeleteMessageAsync(first.MessageId, update.PopReceipt);
    }

    [Fact]
    public async Task Commit_ManyDeletesAndSendsWithoutTable_ApplyInOneCall()
    {
        var (_, queue) = await NewTableAndQueueAsync();
        for (var i = 0; i < 10; i++)
        {
            await queue.SendAsync(BinaryData.FromString($"old-{i}"));
        }

        var received = await queue.ReceiveAsync(32);
        var result = await Store.CommitAsync(TransactionalCommit.Messages(
            [.. Enumerable.Range(0, 3).Select(i => new QueueSend(queue, BinaryData.FromString($"new-{i}")))],
            [.. received.Select(m => QueueDelete.Of(queue, m))]));

        Assert.Equal(10, result.Deleted);
        Assert.Equal(3, result.Sent.Count);
        var left = await queue.ReceiveAsync(32);
        Assert.Equal(["new-0", "new-1", "new-2"], left.Select(m => m.Body.ToString()).Order());
    }

    [Fact]
    public async Task Commit_EmptyOrForeignParts_AreRejected()
    {
        var (table, _) = await NewTableAndQueueAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Store.CommitAsync(TransactionalCommit.Messages([], [])));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CommitAsync(new TransactionalCommit(null,
            [new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r"))], [], [])));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.CommitAsync(TransactionalCommit.Messages(
            [new QueueSend(new ForeignQueue(), BinaryData.FromString("x"))], [])));
        Assert.Null(await table.GetAsync("p", "r"));
    }

    private async Task<(ITable Table, IQueue Queue)> NewTableAndQueueAsync()
    {
        var table = Fixture.Tables.GetTable(UniqueNames.Table());
        await table.CreateIfNotExistsAsync();
        var queue = Fixture.Queues.GetQueue(UniqueNames.Queue());
        await queue.CreateIfNotExistsAsync();
        return (table, queue);
    }

    /// <summary>A queue no store handed out.</summary>
    private sealed class ForeignQueue : IQueue
    {
        public string Name => "foreign";

        public Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SendReceipt> SendAsync(BinaryData body, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<PeekedMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, BinaryData? body = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task ClearAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
