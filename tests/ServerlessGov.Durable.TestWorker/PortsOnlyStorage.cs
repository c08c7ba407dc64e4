using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Durable.TestWorker;

/// <summary>
/// A store seen through the two plain ports only, hiding any transactional commit it has, so the durable engine takes
/// its outbox path (the one it uses on Azure Storage) on SQLite too.
/// </summary>
public sealed class PortsOnlyStorage(ITableStore tables, IQueueStore queues) : ITableStore, IQueueStore
{
    public ITable GetTable(string name) => tables.GetTable(name);

    public IQueue GetQueue(string name) => queues.GetQueue(name);
}
