using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Testing.Storage;

/// <summary>One storage adapter under test: the conformance suites run unchanged against whatever a fixture supplies.</summary>
public interface IStorageAdapterFixture
{
    /// <summary>A short name for test output, e.g. "sqlite" or "azurite".</summary>
    string AdapterName { get; }

    /// <summary>The adapter's table store.</summary>
    ITableStore Tables { get; }

    /// <summary>The adapter's queue store.</summary>
    IQueueStore Queues { get; }
}
