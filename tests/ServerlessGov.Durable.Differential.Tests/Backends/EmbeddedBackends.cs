using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Durable.Differential.Tests.Backends;

/// <summary>The embedded engine, built through its public registration on a storage adapter.</summary>
public abstract class EmbeddedBackend<TStorage> : DurableBackend
    where TStorage : IStorageAdapterFixture, IAsyncLifetime, new()
{
    private readonly TStorage _storage = new();

    public override Task InitializeAsync() => _storage.InitializeAsync();

    public override Task DisposeAsync() => _storage.DisposeAsync();

    public override async Task<BackendHost> StartAsync(Action<DurableTaskRegistry> registerTasks, ILoggerProvider logs)
    {
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.AddProvider(logs));
        services.AddSingleton<ITableStore>(_storage.Tables);
        services.AddSingleton<IQueueStore>(_storage.Queues);
        services.AddDurableTask(registerTasks, options =>
        {
            options.HubName = NewHubName();
            options.MinPollingInterval = TimeSpan.FromMilliseconds(20);
            options.MaxPollingInterval = TimeSpan.FromMilliseconds(250);
            options.ShutdownGracePeriod = TimeSpan.FromSeconds(5);
        });
        var provider = services.BuildServiceProvider();
        var worker = provider.GetRequiredService<DurableTaskWorker>();
        await worker.StartAsync(CancellationToken.None);
        return new BackendHost(provider.GetRequiredService<DurableTaskClient>(), async () =>
        {
            await worker.StopAsync(CancellationToken.None);
            await provider.DisposeAsync();
        });
    }
}

/// <summary>The embedded engine on SQLite (one transaction per episode).</summary>
public sealed class EmbeddedSqliteBackend : EmbeddedBackend<SqliteStorageFixture>
{
    public override string Name => "embedded/sqlite";
}

/// <summary>The embedded engine on Azurite (the outbox path).</summary>
public sealed class EmbeddedAzuriteBackend : EmbeddedBackend<AzuriteStorageFixture>
{
    public override string Name => "embedded/azurite";
}
