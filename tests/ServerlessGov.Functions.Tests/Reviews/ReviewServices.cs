using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Durable;
using ServerlessGov.Functions.Reviews;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Functions.Tests.Reviews;

/// <summary>
/// The review services of one "host" built on a shared store without a web server or a running durable worker, so
/// a test can put several hosts (each with its own worklist, handler and notification sender) on one store.
/// </summary>
internal static class ReviewServices
{
    public static ServiceProvider Build(IStorageAdapterFixture storage, TimeProvider clock, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Reviews:Groups:benefits:DepartmentHead"] = "head-of-civil-affairs",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ITableStore>(storage.Tables);
        services.AddSingleton<IQueueStore>(storage.Queues);
        services.AddSingleton(clock);
        services.AddDurableTask(_ => { }, options => options.HubName = "R" + Guid.NewGuid().ToString("N")[..20]);
        services.AddReviews(configuration);
        return services.BuildServiceProvider();
    }
}
