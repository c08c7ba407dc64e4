using System.Text.Json;
using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Worker;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Apps;
using ServerlessGov.Testing.Azurite;

namespace ServerlessGov.Functions.Tests.Worker;

/// <summary>
/// The worker in Azure has what the app's functions take: on a real Azurite, a host built with the worker's
/// registrations starts (storage opened first), creates every function class of <c>functions.metadata</c> from its
/// services, and its durable client writes to the task hub host.json names, in the worker's JSON.
/// </summary>
public sealed class WorkerServicesTests(AzuriteStorageFixture azurite) : IClassFixture<AzuriteStorageFixture>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sgov-worker-").FullName;

    [Fact]
    public async Task WorkerHost_OnAzureStorage_CreatesEveryFunctionClassOfFunctionsMetadata()
    {
        await WriteHostJsonAsync();
        using var host = Build();

        await host.StartAsync();
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            var classes = MetadataEntryPoints().Select(e => e.Type).Where(t => !t.IsAbstract || !t.IsSealed).Distinct().ToList();
            Assert.NotEmpty(classes);
            Assert.All(classes, type => Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type)));
            await scope.ServiceProvider.GetRequiredService<ITableStore>().GetTable("WorkerProbe").CreateIfNotExistsAsync();
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task WorkerDurableClient_StartsAnInstanceOnTheHostJsonsHub_InputInTheWorkersJson()
    {
        var hub = await WriteHostJsonAsync();
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(azurite.Server.ConnectionStringWithBlobs),
            TaskHubName = hub,
            PartitionCount = 2,
        };
        var service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync();
        try
        {
            using var host = Build();
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            var input = new NotifyCommand("key-1", "resident-1", "payment-settled", new Dictionary<string, string> { ["amountFen"] = "12345" });

            var id = await client.ScheduleNewOrchestrationInstanceAsync(CaseOrchestration.Name, input);
            var instance = await client.GetInstancesAsync(id, getInputsAndOutputs: true);

            Assert.Equal(hub, client.Name);
            Assert.NotNull(instance);
            Assert.Equal(CaseOrchestration.Name, instance.Name);
            Assert.Equal(OrchestrationRuntimeStatus.Pending, instance.RuntimeStatus);
            using var stored = JsonDocument.Parse(instance.SerializedInput!);
            Assert.Equal("key-1", stored.RootElement.GetProperty("idempotencyKey").GetString());
            var read = instance.ReadInputAs<NotifyCommand>()!;
            Assert.Equal(("key-1", "resident-1", "payment-settled", "12345"), (read.IdempotencyKey, read.Recipient, read.Template, read.Values["amountFen"]));
        }
        finally
        {
            await service.DeleteAsync();
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private IHost Build()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", ContentRootPath = _root });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [WorkerStorage.SettingName] = azurite.Server.ConnectionStringWithBlobs,
            ["Payments:BankBaseUrl"] = "https://bank.example.test/",
            ["Payments:ClientKey"] = "bank-client-key-for-tests",
            ["Payouts:IdempotencySecret"] = Convert.ToBase64String(new byte[32]),
            ["Subjects:PseudonymKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["Enterprises:EventGrid:TopicEndpoint"] = "https://topic.example.test/api/events",
            ["Auth:Authority"] = "https://login.example.test/tenant/v2.0",
            ["Auth:Audience"] = "api://serverlessgov-tests",
        });
        builder.Logging.ClearProviders();
        builder.AddWorkerServices(_root);
        return builder.Build();
    }

    private async Task<string> WriteHostJsonAsync()
    {
        var hub = "Hub" + Guid.NewGuid().ToString("N")[..8];
        await File.WriteAllTextAsync(Path.Combine(_root, "host.json"), JsonSerializer.Serialize(new
        {
            version = "2.0",
            extensions = new { durableTask = new { hubName = hub, storageProvider = new { partitionCount = 2 } } },
        }));
        return hub;
    }

    /// <summary>The class of each function the Azure Functions host will load, from the build's functions.metadata.</summary>
    private static IEnumerable<(string Name, Type Type)> MetadataEntryPoints()
    {
        var assembly = typeof(AppFunctions).Assembly;
        return FunctionsMetadataFile.Read().Select(f => (f.Name, assembly.GetType(f.TypeName, throwOnError: true)!));
    }
}
