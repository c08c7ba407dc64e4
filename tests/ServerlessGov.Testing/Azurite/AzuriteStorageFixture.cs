using ServerlessGov.Storage.Azure;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Storage;
using Xunit;

namespace ServerlessGov.Testing.Azurite;

/// <summary>The Azure adapter on the process-wide Azurite, signed with the development account's key.</summary>
public sealed class AzuriteStorageFixture : IStorageAdapterFixture, IAsyncLifetime
{
    private AzureStorage? _storage;

    public string AdapterName => "azurite";

    /// <summary>The running Azurite.</summary>
    public AzuriteServer Server { get; private set; } = null!;

    /// <summary>The adapter under test.</summary>
    public AzureStorage Storage => _storage ?? throw new InvalidOperationException("The fixture is not initialized.");

    public ITableStore Tables => Storage;

    public IQueueStore Queues => Storage;

    public async Task InitializeAsync()
    {
        Server = await AzuriteServer.GetAsync();
        _storage = await AzureStorage.CreateAsync(AzureStorageSettings.FromConnectionString(Server.ConnectionString));
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
