using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Configuration;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Worker;

/// <summary>What the isolated worker gives the app's functions in Azure, where the local runtime's host does not run: storage, the durable client and every feature's services.</summary>
public static class WorkerServices
{
    /// <summary>
    /// Registers storage (opened before the worker connects to the Functions host), the task hub's client and the
    /// features' services (<see cref="ApplicationServices.AddApplicationServices"/>, as the local runtime registers them).
    /// </summary>
    public static IHostApplicationBuilder AddWorkerServices(this IHostApplicationBuilder builder, string appRoot)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WorkerStorage>();
        // First of the hosted services, so the tables and queues are open before the worker takes its first invocation.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => sp.GetRequiredService<WorkerStorage>()));
        services.AddSingleton<ITableStore>(sp => sp.GetRequiredService<WorkerStorage>().Tables);
        services.AddSingleton<IQueueStore>(sp => sp.GetRequiredService<WorkerStorage>().Queues);
        services.AddSingleton(sp => WorkerTaskHub.CreateClient(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<FunctionsHostSettings>().DurableTask, sp.GetRequiredService<ILoggerFactory>()));
        // host.json's settings and the app's function catalog, which some features read (queue policies, poison queues).
        services.AddSingleton(sp => HostJson.ReadSettings(appRoot, sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton(sp =>
        {
            var functions = new FunctionsBuilder(sp.GetRequiredService<IConfiguration>());
            AppFunctions.Declare(functions);
            return new FunctionCatalog(functions.Functions, functions.RouteValues);
        });
        builder.AddApplicationServices();
        return builder;
    }
}
