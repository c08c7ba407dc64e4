using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Configuration;
using ServerlessGov.Hosting.Health;
using ServerlessGov.Hosting.Tests.Support;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Hosting.Tests.Connections;

/// <summary><c>OpenFunctionsStorageAsync</c>: a command-line tool works on the app's data without starting the host.</summary>
public sealed class StorageOpeningTests
{
    private static readonly Action<FunctionsBuilder> OneQueue = functions =>
        functions.Queue<string>("Work", "work", (_, _, _) => Task.CompletedTask);

    [Fact]
    public async Task OpenFunctionsStorage_HostNotStarted_TablesAndQueuesWorkWhileNoTriggerRuns()
    {
        var directory = FunctionsTestHost.WriteFiles(hostJson: null, values: null);
        try
        {
            await using var app = Build(directory);

            await app.OpenFunctionsStorageAsync();

            var table = app.Services.GetRequiredService<ITableStore>().GetTable("Things");
            await table.CreateIfNotExistsAsync();
            await table.AddAsync(new TableEntity("p", "r") { ["Name"] = "imported" });
            Assert.Equal("imported", (await table.GetAsync("p", "r"))!.GetString("Name"));
            var queue = app.Services.GetRequiredService<IQueueStore>().GetQueue("work");
            await queue.CreateIfNotExistsAsync();
            await queue.SendAsync(BinaryData.FromString("\"job\""));
            Assert.Equal(1, await queue.GetApproximateCountAsync());
            Assert.False(app.Services.GetRequiredService<FunctionsHostState>().IsReady);
        }
        finally
        {
            FunctionsTestHost.TryDelete(directory);
        }
    }

    [Fact]
    public async Task OpenFunctionsStorage_NoStorageConnection_FailsNamingTheSetting()
    {
        var directory = FunctionsTestHost.WriteFiles(hostJson: null, values: new Dictionary<string, string?> { ["AzureWebJobsStorage"] = null });
        try
        {
            await using var app = Build(directory);

            var failure = await Assert.ThrowsAsync<HostConfigurationException>(() => app.OpenFunctionsStorageAsync());

            Assert.Contains("AzureWebJobsStorage is required", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            FunctionsTestHost.TryDelete(directory);
        }
    }

    private static WebApplication Build(string directory)
    {
        var builder = FunctionsApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory, EnvironmentName = "Development" });
        builder.Logging.ClearProviders();
        builder.AddFunctionsHost(OneQueue);
        return builder.Build();
    }
}
