using Microsoft.Extensions.Configuration.Memory;

namespace ServerlessGov.Functions.Configuration;

/// <summary>
/// The app's own default for <c>AzureWebJobsStorage</c>: the embedded SQLite store at <c>.data/serverlessgov.db</c>
/// under the app root, so a fresh clone runs with no local.settings.json. The functions host itself requires the
/// setting (a missing connection fails its start); this app chooses to default it.
/// </summary>
public static class EmbeddedStorageDefault
{
    /// <summary>The connection used when nothing else names the app's storage.</summary>
    public const string ConnectionString = "Data Source=.data/serverlessgov.db";

    private const string SettingName = "AzureWebJobsStorage";

    /// <summary>
    /// Adds the default below every other configuration source, unless <c>AzureWebJobsStorage</c> or its identity-based
    /// form (<c>AzureWebJobsStorage__accountName</c>, …) is already set. Call after <c>AddFunctionsHost</c>, which reads local.settings.json.
    /// </summary>
    public static WebApplicationBuilder UseEmbeddedStorageByDefault(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        if (!string.IsNullOrWhiteSpace(configuration[SettingName]) || configuration.GetSection(SettingName).GetChildren().Any())
        {
            return builder;
        }

        ((IConfigurationBuilder)configuration).Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { [SettingName] = ConnectionString },
        });
        return builder;
    }
}
