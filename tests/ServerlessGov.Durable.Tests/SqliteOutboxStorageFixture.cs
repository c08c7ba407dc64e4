using ServerlessGov.Durable.TestWorker;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Storage;
using Xunit;

namespace ServerlessGov.Durable.Tests;

/// <summary>A SQLite store seen through the plain ports only, so the engine runs its outbox path (the Azure one) on SQLite.</summary>
public sealed class SqliteOutboxStorageFixture : IStorageAdapterFixture, IAsyncLifetime
{
    private readonly SqliteStorageFixture _inner = new();
    private readonly PortsOnlyStorage _ports;

    public SqliteOutboxStorageFixture()
    {
        _ports = new PortsOnlyStorage(_inner.Storage, _inner.Storage);
    }

    public string AdapterName => "sqlite-outbox";

    public ITableStore Tables => _ports;

    public IQueueStore Queues => _ports;

    public Task InitializeAsync() => _inner.InitializeAsync();

    public Task DisposeAsync() => _inner.DisposeAsync();
}
