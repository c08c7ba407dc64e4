using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Storage.Transactions;

namespace ServerlessGov.Storage.Sqlite;

/// <summary>
/// The SQLite adapter's <see cref="ITransactionalCommitStore"/>: the table batch, the sends and the deletes run in one
/// <c>BEGIN IMMEDIATE</c> transaction on the store's write connection, so they commit or roll back together.
/// </summary>
internal sealed class SqliteTransactionalCommit(SqliteDatabase database, TimeProvider time)
{
    public async Task<TransactionalCommitResult> CommitAsync(TransactionalCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(commit.TableActions);
        ArgumentNullException.ThrowIfNull(commit.Sends);
        ArgumentNullException.ThrowIfNull(commit.Deletes);
        if (commit.TableActions.Count == 0 && commit.Sends.Count == 0 && commit.Deletes.Count == 0)
        {
            throw new ArgumentException("A transactional commit needs at least one table operation, send or delete.", nameof(commit));
        }

        SqliteTable? table = null;
        if (commit.TableActions.Count > 0)
        {
            table = commit.Table as SqliteTable;
            if (table is null || table.Database != database)
            {
                throw new ArgumentException("The commit's table operations need a table of this SQLite store.", nameof(commit));
            }

            SqliteTable.ValidateTransaction(commit.TableActions);
        }

        var now = time.GetUtcNow();
        var sends = new (SqliteQueue Queue, SendReceipt Receipt, byte[] Body)[commit.Sends.Count];
        for (var i = 0; i < sends.Length; i++)
        {
            var send = commit.Sends[i];
            QueueRules.ValidateSend(send.Body, send.VisibilityDelay, send.TimeToLive);
            sends[i] = (OwnQueue(send.Queue), SqliteQueue.NewSendReceipt(now, send.VisibilityDelay, send.TimeToLive), send.Body.ToArray());
        }

        var deletes = new (SqliteQueue Queue, string Id, string Pop)[commit.Deletes.Count];
        for (var i = 0; i < deletes.Length; i++)
        {
            var delete = commit.Deletes[i];
            ArgumentException.ThrowIfNullOrEmpty(delete.MessageId, nameof(commit));
            ArgumentException.ThrowIfNullOrEmpty(delete.PopReceipt, nameof(commit));
            deletes[i] = (OwnQueue(delete.Queue), delete.MessageId, delete.PopReceipt);
        }

        return await database.WriteAsync((Table: table, commit.TableActions, Sends: sends, Deletes: deletes, Now: now), static (s, arg) =>
        {
            IReadOnlyList<ETag?> etags = arg.Table is null ? [] : arg.Table.ApplyTransaction(s, arg.TableActions, arg.Now);
            var receipts = new SendReceipt[arg.Sends.Length];
            for (var i = 0; i < arg.Sends.Length; i++)
            {
                var (queue, receipt, body) = arg.Sends[i];
                queue.Insert(s, receipt, body);
                receipts[i] = receipt;
            }

            var deleted = 0;
            foreach (var (queue, id, pop) in arg.Deletes)
            {
                deleted += queue.TryDelete(s, id, pop, arg.Now.UtcTicks) ? 1 : 0;
            }

            return new TransactionalCommitResult(etags, receipts, deleted);
        }, cancellationToken).ConfigureAwait(false);
    }

    private SqliteQueue OwnQueue(IQueue queue) =>
        queue is SqliteQueue own && own.Database == database
            ? own
            : throw new ArgumentException($"The queue '{queue?.Name}' is not a queue of this SQLite store.", nameof(queue));
}
