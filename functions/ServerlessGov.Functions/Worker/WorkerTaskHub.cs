using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Identity;
using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using ServerlessGov.Durable.AzureStorage;
using ServerlessGov.Hosting.Configuration;
using ServerlessGov.Storage.Azure;

namespace ServerlessGov.Functions.Worker;

/// <summary>
/// The task hub the Durable Functions extension runs the app's orchestrations on in Azure, as the worker's services
/// reach it: the same storage account (<c>AzureWebJobsStorage</c>), hub name and partition count as host.json's
/// <c>extensions.durableTask</c> (or the <c>AzureFunctionsJobHost__extensions__durableTask__…</c> settings that
/// override it, as for the host), and payloads in the worker's JSON (<see cref="AppJson.Options"/>).
/// </summary>
public static class WorkerTaskHub
{
    private const string HostJsonDurable = "extensions:durableTask:";
    private const string HostOverride = "AzureFunctionsJobHost:" + HostJsonDurable;

    /// <summary>The hub's name and partition count: the host's override settings, else host.json in <paramref name="appRoot"/>.</summary>
    /// <exception cref="HostConfigurationException">host.json is missing or names no hub.</exception>
    public static (string HubName, int PartitionCount) Read(IConfiguration configuration, string appRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = Path.Combine(appRoot, "host.json");
        if (!File.Exists(path))
        {
            throw new HostConfigurationException($"host.json is missing from {appRoot}: the app's package carries it (the Functions host reads it there too).");
        }

        var durable = JsonNode.Parse(File.ReadAllText(path))?["extensions"]?["durableTask"];
        var hub = configuration[HostOverride + "hubName"] ?? (string?)durable?["hubName"]
            ?? throw new HostConfigurationException("host.json names no extensions.durableTask.hubName: the worker and the host must agree on the task hub.");
        var partitions = int.TryParse(configuration[HostOverride + "storageProvider:partitionCount"], out var configured)
            ? configured
            : (int?)durable?["storageProvider"]?["partitionCount"] ?? 4;
        return (hub, partitions);
    }

    /// <summary>A client of the hub for the worker's services (the worker offers one only as a <c>[DurableClient]</c> binding).</summary>
    /// <exception cref="HostConfigurationException">The storage setting or host.json is missing or malformed.</exception>
    public static DurableTaskClient CreateClient(IConfiguration configuration, string appRoot, ILoggerFactory loggerFactory)
    {
        var (hub, partitions) = Read(configuration, appRoot);
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = Account(configuration),
            TaskHubName = hub,
            PartitionCount = partitions,
            LoggerFactory = loggerFactory,
        };
        return new AzureStorageDurableTaskClient(hub, new AzureStorageOrchestrationService(settings), new JsonDataConverter(AppJson.Options), loggerFactory);
    }

    private static StorageAccountClientProvider Account(IConfiguration configuration)
    {
        if (configuration[WorkerStorage.SettingName] is { Length: > 0 } connectionString)
        {
            return new StorageAccountClientProvider(connectionString);
        }

        AzureStorageSettings settings;
        try
        {
            settings = AzureStorageSettings.FromConfiguration(configuration, WorkerStorage.SettingName);
        }
        catch (InvalidOperationException ex)
        {
            throw new HostConfigurationException(ex.Message, ex);
        }

        TokenCredential credential = settings.UseManagedIdentity
            ? new ManagedIdentityCredential(settings.ManagedIdentityClientId is { } clientId ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
        return new StorageAccountClientProvider(settings.AccountName, credential);
    }
}
