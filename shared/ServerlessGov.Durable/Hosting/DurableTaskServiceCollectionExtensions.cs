using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServerlessGov.Durable.Engine;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Durable;

/// <summary>Registers the embedded durable engine behind the Durable Task SDK's types: a <see cref="DurableTaskClient"/> and a hosted <see cref="DurableTaskWorker"/> on the registered storage ports.</summary>
public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Adds the client and the worker. Requires <see cref="ITableStore"/> and <see cref="IQueueStore"/> to be
    /// registered; uses the registered <see cref="TimeProvider"/> (or the system clock).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="registerTasks"/> is null.</exception>
    /// <exception cref="NotSupportedException">The registry holds durable entities, which the embedded engine does not run.</exception>
    public static IServiceCollection AddDurableTask(
        this IServiceCollection services,
        Action<DurableTaskRegistry> registerTasks,
        Action<DurableTaskOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(registerTasks);
        var registry = new DurableTaskRegistry();
        registerTasks(registry);
        services.AddOptions<DurableTaskOptions>().Configure(options => configure?.Invoke(options));
        services.TryAddSingleton(TimeProvider.System);
        var catalog = new TaskCatalog(registry);
        services.TryAddSingleton(sp => new DurableTaskStorage(sp.GetRequiredService<ITableStore>(), sp.GetRequiredService<IQueueStore>()));
        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<DurableTaskStorage>();
            return new DurableStore(storage.Tables, storage.Queues, sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<DurableTaskClient>(sp => new StorageDurableTaskClient(sp.GetRequiredService<DurableStore>()));
        services.AddSingleton(sp => new DurableTaskWorker(
            sp.GetRequiredService<DurableStore>(),
            catalog,
            sp,
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            sp.GetService<IEngineFaultInjector>() ?? NoFaults.Instance));
        services.AddHostedService(sp => sp.GetRequiredService<DurableTaskWorker>());
        return services;
    }
}
