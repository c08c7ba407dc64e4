using ServerlessGov.Hosting.Configuration;
using ServerlessGov.Storage.Azure;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Worker;

/// <summary>
/// The worker's storage in Azure: the account <c>AzureWebJobsStorage</c> names (a connection string, or the
/// identity-based <c>AzureWebJobsStorage__accountName</c> form the deployment uses), opened before the worker connects
/// to the Functions host, so no function runs before its tables and queues are there.
/// </summary>
public sealed class WorkerStorage(IConfiguration configuration, ILoggerFactory loggerFactory) : IHostedService
{
    /// <summary>The connection setting's name, as in Azure Functions.</summary>
    public const string SettingName = "AzureWebJobsStorage";

    private AzureStorage? _storage;

    /// <summary>The tables.</summary>
    /// <exception cref="InvalidOperationException">Used before the worker started.</exception>
    public ITableStore Tables => _storage ?? throw NotOpen();

    /// <summary>The queues (bodies base64, as the Functions host's queue trigger reads them by default).</summary>
    /// <exception cref="InvalidOperationException">Used before the worker started.</exception>
    public IQueueStore Queues => _storage ?? throw NotOpen();

    /// <summary>Opens the account; for an identity-based connection, obtains a first token now, so a missing role fails the start.</summary>
    /// <exception cref="HostConfigurationException">The setting is missing or malformed, names the embedded SQLite store (which exists only on the local runtime), or no credential reaches the account.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration[SettingName] is { } value && value.TrimStart().StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            throw new HostConfigurationException($"{SettingName} names a SQLite file, which only the local runtime opens; in Azure it names the storage account ({SettingName}__accountName).");
        }

        try
        {
            _storage = await AzureStorage.CreateAsync(AzureStorageSettings.FromConfiguration(configuration, SettingName), loggerFactory: loggerFactory, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            throw new HostConfigurationException(ex.Message, ex);
        }
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static InvalidOperationException NotOpen() => new("The worker's storage is opened when the worker starts.");
}
