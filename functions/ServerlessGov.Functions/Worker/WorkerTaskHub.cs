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
/// override it, as for the host; read once, with the local runtime's rules), and payloads in the worker's JSON (<see cref="AppJson.Options"/>).
/// </summary>
public static class WorkerTaskHub
{
    /// <summary>A client of the hub for the worker's services (the worker offers one only as a <c>[DurableClient]</c> binding).</summary>
    /// <param name="configuration">The app's settings, where <c>AzureWebJobsStorage</c> is.</param>
    /// <param name="durable">host.json's <c>extensions.durableTask</c> as the local runtime reads it (<see cref="HostJson.ReadSettings"/>), overrides included.</param>
    /// <param name="loggerFactory">For the storage provider's logs.</param>
    /// <exception cref="HostConfigurationException">The storage setting is missing or malformed.</exception>
    public static DurableTaskClient CreateClient(IConfiguration configuration, DurableTaskSettings durable, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(durable);
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = Account(configuration),
            TaskHubName = durable.HubName,
            PartitionCount = durable.PartitionCount,
            LoggerFactory = loggerFactory,
        };
        return new AzureStorageDurableTaskClient(durable.HubName, new AzureStorageOrchestrationService(settings), new JsonDataConverter(AppJson.Options), loggerFactory);
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

        return new StorageAccountClientProvider(settings.AccountName, settings.CreateCredential());
    }
}
