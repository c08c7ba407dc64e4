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
                ["Reviews:Groups:benefits:DepartmentHeads:0"] = "head-of-civil-affairs",
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

    /// <summary>Handles every escalation waiting on the queue (those of <paramref name="itemId"/>; the others are dropped); returns how many notifications were sent.</summary>
    public static async Task<int> DrainEscalationsAsync(ServiceProvider host, string itemId)
    {
        var queue = host.GetRequiredService<IQueueStore>().GetQueue(ReviewEscalation.QueueName);
        await queue.CreateIfNotExistsAsync();
        var handler = host.GetRequiredService<ReviewEscalationHandler>();
        var handled = 0;
        while (await queue.ReceiveAsync(32) is { Count: > 0 } messages)
        {
            foreach (var message in messages)
            {
                var escalation = System.Text.Json.JsonSerializer.Deserialize(message.Body.ToString(), ReviewJson.Escalation)!;
                if (escalation.ItemId == itemId)
                {
                    handled += await handler.HandleAsync(escalation);
                }

                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        return handled;
    }
}
