using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Sqlite;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage;

/// <summary>Registers the storage ports with the adapter the configuration names, so nothing above them chooses one.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>The configuration key naming the adapter (<c>Sqlite</c> or <c>AzureStorage</c>).</summary>
    public const string ProviderKey = "Storage:Provider";

    /// <summary>The configuration key of the SQLite database file, relative to <c>contentRoot</c> when not absolute.</summary>
    public const string SqlitePathKey = "Storage:SqlitePath";

    /// <summary>The SQLite file used when <see cref="SqlitePathKey"/> is not set.</summary>
    public const string DefaultSqlitePath = ".data/serverlessgov.db";

    /// <summary>
    /// Registers <see cref="ITableStore"/> and <see cref="IQueueStore"/> as one singleton store chosen by
    /// <see cref="ProviderKey"/> (default SQLite at <see cref="DefaultSqlitePath"/> under <paramref name="contentRoot"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The provider setting names no known adapter; the message names the key.</exception>
    public static IServiceCollection AddServerlessGovStorage(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = ReadProvider(configuration);
        switch (provider)
        {
            case StorageProvider.Sqlite:
                var path = configuration[SqlitePathKey] is { Length: > 0 } configured ? configured : DefaultSqlitePath;
                var options = new SqliteStorageOptions { Path = Path.GetFullPath(path, contentRoot) };
                services.AddSingleton(sp => new SqliteStorage(
                    options, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetService<ILoggerFactory>()));
                services.AddSingleton<ITableStore>(sp => sp.GetRequiredService<SqliteStorage>());
                services.AddSingleton<IQueueStore>(sp => sp.GetRequiredService<SqliteStorage>());
                services.AddSingleton(new StorageDescription(StorageProvider.Sqlite, options.Path));
                break;
            default:
                throw new InvalidOperationException(
                    $"{ProviderKey} is '{provider}', whose adapter is not available in this build; use 'Sqlite'.");
        }

        return services;
    }

    private static StorageProvider ReadProvider(IConfiguration configuration)
    {
        var value = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return StorageProvider.Sqlite;
        }

        return Enum.TryParse<StorageProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException(
                $"{ProviderKey} is '{value}'; it must be one of: {string.Join(", ", Enum.GetNames<StorageProvider>())}.");
    }
}
