using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerlessGov.Hosting.Configuration;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Sqlite;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Hosting.Connections;

/// <summary>
/// The host's storage, opened from the <c>AzureWebJobsStorage</c> connection setting as in Azure Functions.
/// <c>Data Source=&lt;file&gt;</c> opens the embedded SQLite store (a relative path is under the content root).
/// Apps that register their own <see cref="ITableStore"/> and <see cref="IQueueStore"/> bypass this.
/// </summary>
internal sealed class StorageConnection : IAsyncDisposable
{
    /// <summary>The connection setting's name, as in Azure Functions.</summary>
    public const string SettingName = "AzureWebJobsStorage";

    private readonly SqliteStorage _sqlite;

    /// <exception cref="HostConfigurationException">The setting is missing or not a connection string this host can open.</exception>
    public StorageConnection(IConfiguration configuration, IHostEnvironment environment, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        var value = configuration[SettingName] ?? configuration.GetConnectionString(SettingName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new HostConfigurationException($"{SettingName} is required: set it in local.settings.json Values or the environment (e.g. 'Data Source=data/serverlessgov.db')");
        }

        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = value;
        }
        catch (ArgumentException ex)
        {
            throw new HostConfigurationException($"{SettingName} is not a valid connection string: {ex.Message}", ex);
        }

        if (!builder.TryGetValue("Data Source", out var source) && !builder.TryGetValue("DataSource", out source))
        {
            throw new HostConfigurationException($"{SettingName} must name a SQLite file with 'Data Source=<path>'");
        }

        var path = Convert.ToString(source, System.Globalization.CultureInfo.InvariantCulture)!;
        if (!Path.IsPathRooted(path))
        {
            path = Path.Combine(environment.ContentRootPath, path);
        }

        _sqlite = new SqliteStorage(new SqliteStorageOptions { Path = path }, timeProvider, loggerFactory);
    }

    public ITableStore Tables => _sqlite;

    public IQueueStore Queues => _sqlite;

    public ValueTask DisposeAsync() => _sqlite.DisposeAsync();
}
