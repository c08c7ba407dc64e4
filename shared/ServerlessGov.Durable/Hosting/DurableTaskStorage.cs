using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Durable;

/// <summary>
/// The table and queue stores the engine keeps its state in. Without a registration of its own the engine uses the
/// app's <see cref="ITableStore"/> and <see cref="IQueueStore"/>; a host registers one to hand it the raw store beneath
/// its decorators. When both are one object that offers <see cref="Storage.Transactions.ITransactionalCommitStore"/>
/// (SQLite), each episode commits in one transaction.
/// </summary>
public sealed record DurableTaskStorage(ITableStore Tables, IQueueStore Queues);
