using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerlessGov.Hosting.Configuration;
using ServerlessGov.Storage.Azure;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Sqlite;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Hosting.Connections;

/// <summary>
/// The host's storage, opened when the host starts from the <c>AzureWebJobsStorage</c> setting, as in Azure
/// Functions: <c>Data Source=&lt;file&gt;</c> opens the embedded SQLite store (a relative path is under the content
/// root); an Azure Storage connection string (<c>UseDevelopmentStorage=true</c>, <c>AccountName=…;AccountKey=…</c>)
/// or the identity-based <c>AzureWebJobsStorage__accountName</c> form opens the Azure adapter, with host.json's
/// <c>extensions.queues.messageEncoding</c>.
/// </summary>
internal sealed class StorageConnection(
    IConfiguration configuration, FunctionsHostSettings settings, IHostEnvironment environment, TimeProvider timeProvider, ILoggerFactory loggerFactory) : IAsyncDisposable
{
    /// <summary>The connection setting's name, as in Azure Functions.</summary>
    public const string SettingName = "AzureWebJobsStorage";

    private readonly SemaphoreSlim _opening = new(1, 1);
    private ITableStore? _tables;
    private IQueueStore? _queues;
    private SqliteStorage? _sqlite;

    /// <exception cref="InvalidOperationException">Used before the host started.</exception>
    public ITableStore Tables => _tables ?? throw NotOpen();

    /// <exception cref="InvalidOperationException">Used before the host started.</exception>
    public IQueueStore Queues => _queues ?? throw NotOpen();

    /// <summary>Opens the store once; later calls return at once.</summary>
    /// <exception cref="HostConfigurationException">The setting is missing, malformed, or names an account no credential can reach.</exception>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_tables is not null)
            {
                return;
            }

            var value = configuration[SettingName];
            var identityBased = configuration.GetSection(SettingName).GetChildren().Any();
            if (string.IsNullOrWhiteSpace(value) && !identityBased)
            {
                throw new HostConfigurationException($"{SettingName} is required: set it in local.settings.json Values or the environment ('Data Source=<file>' for SQLite, an Azure Storage connection string, or {SettingName}__accountName)");
            }

            if (value is not null && SqlitePath(value) is { } path)
            {
                _sqlite = new SqliteStorage(new SqliteStorageOptions { Path = path }, timeProvider, loggerFactory);
                (_tables, _queues) = (_sqlite, _sqlite);
                return;
            }

            AzureStorage azure;
            try
            {
                // host.json extensions.queues.messageEncoding decides how bodies travel, as in Azure Functions.
                azure = await AzureStorage.CreateAsync(
                    AzureStorageSettings.FromConfiguration(configuration, SettingName) with { MessageEncoding = settings.Queues.MessageEncoding },
                    loggerFactory: loggerFactory,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                throw new HostConfigurationException(ex.Message, ex);
            }

            (_tables, _queues) = (azure, azure);
        }
        finally
        {
            _opening.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _opening.Dispose();
        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync().ConfigureAwait(false);
        }
    }

    private string? SqlitePath(string connectionString)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException ex)
        {
            throw new HostConfigurationException($"{SettingName} is not a valid connection string: {ex.Message}", ex);
        }

        if (!builder.TryGetValue("Data Source", out var source) && !builder.TryGetValue("DataSource", out source))
        {
            return null;
        }

        var path = Convert.ToString(source, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        return Path.IsPathRooted(path) ? path : Path.Combine(environment.ContentRootPath, path);
    }

    private static InvalidOperationException NotOpen() =>
        new("The functions host opens its storage when it starts; resolve ITableStore / IQueueStore after the host has started.");
}
