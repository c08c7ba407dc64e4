using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ServerlessGov.Hosting.Configuration;

/// <summary>host.json's settings for a process the local runtime does not host (the isolated worker in Azure), read with the same rules.</summary>
public static class HostJson
{
    /// <summary>The settings of host.json in <paramref name="appRoot"/>, under <paramref name="configuration"/> (which wins, as app settings do for the host).</summary>
    /// <exception cref="HostConfigurationException">host.json is not valid JSON, or a setting breaks its rule (every one is named).</exception>
    public static FunctionsHostSettings ReadSettings(string appRoot, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var (values, _) = FunctionsConfigurationFiles.ReadHostJson(Path.Combine(appRoot, FunctionsConfigurationFiles.HostJsonFileName));
        var layered = new ConfigurationBuilder().AddInMemoryCollection(values).AddConfiguration(configuration).Build();
        var settings = HostSettingsReader.Read(layered, environment, out var errors);
        return errors.Count > 0 ? throw new HostConfigurationException(errors) : settings;
    }
}
