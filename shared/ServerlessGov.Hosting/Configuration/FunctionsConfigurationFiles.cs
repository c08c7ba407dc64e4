using System.Globalization;
using System.Text.Json;

namespace ServerlessGov.Hosting.Configuration;

/// <summary>
/// Turns host.json and local.settings.json into configuration key/value pairs, the way the Functions runtime and
/// Core Tools read them, and lists the host.json keys this host does not know (to warn, not to fail).
/// </summary>
internal static class FunctionsConfigurationFiles
{
    public const string HostJsonFileName = "host.json";
    public const string LocalSettingsFileName = "local.settings.json";

    /// <summary>The port Core Tools listen on when local.settings.json's <c>Host.LocalHttpPort</c> does not name one.</summary>
    public const int DefaultLocalHttpPort = 7071;

    private static readonly HashSet<string> KnownHostKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "version",
        "functionTimeout",
        "extensions.http.routePrefix",
        "extensions.queues.batchSize",
        "extensions.queues.newBatchThreshold",
        "extensions.queues.maxPollingInterval",
        "extensions.queues.visibilityTimeout",
        "extensions.queues.maxDequeueCount",
        "extensions.queues.messageEncoding",
        "extensions.queues.runningVisibilityTimeout",
        "extensions.durableTask.hubName",
        "extensions.durableTask.storageProvider.partitionCount",
        "extensions.durableTask.maxConcurrentActivityFunctions",
        "extensions.durableTask.maxConcurrentBackgroundActivityFunctions",
        "extensions.durableTask.maxConcurrentOrchestratorFunctions",
        "singleton.listenerLockPeriod",
        "singleton.listenerLockRecoveryPollingInterval",
    };

    /// <summary>Reads host.json into <c>AzureFunctionsJobHost:*</c> keys (and <c>logging.logLevel</c> into <c>Logging:LogLevel</c>).</summary>
    /// <exception cref="Configuration.HostConfigurationException">host.json is not valid JSON or is not an object.</exception>
    public static (Dictionary<string, string?> Values, List<string> UnknownKeys) ReadHostJson(string path)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var unknown = new List<string>();
        if (!File.Exists(path))
        {
            return (values, unknown);
        }

        using var document = Parse(path);
        foreach (var (key, value) in Flatten(document.RootElement, string.Empty))
        {
            values[HostSettingsReader.HostSection + ":" + key.Replace('.', ':')] = value;
            if (key.StartsWith("logging.logLevel.", StringComparison.OrdinalIgnoreCase))
            {
                values["Logging:LogLevel:" + key["logging.logLevel.".Length..]] = value;
            }
            else if (!KnownHostKeys.Contains(key) && !key.StartsWith("logging.", StringComparison.OrdinalIgnoreCase))
            {
                unknown.Add(key);
            }
        }

        return (values, unknown);
    }

    /// <summary>
    /// Reads local.settings.json's <c>Values</c> (as top-level keys, <c>__</c> meaning <c>:</c>), <c>ConnectionStrings</c>
    /// and <c>Host.LocalHttpPort</c> (null when the file or the key is absent).
    /// </summary>
    /// <exception cref="Configuration.HostConfigurationException">The file is not valid JSON, is marked encrypted, or its port is not 1–65535.</exception>
    public static (Dictionary<string, string?> Values, int? LocalHttpPort) ReadLocalSettings(string path)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return (values, null);
        }

        using var document = Parse(path);
        var root = document.RootElement;
        if (root.TryGetProperty("IsEncrypted", out var encrypted) && encrypted.ValueKind == JsonValueKind.True)
        {
            throw new HostConfigurationException("local.settings.json IsEncrypted must be false: encrypted local settings are not supported");
        }

        if (root.TryGetProperty("Values", out var settings) && settings.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in settings.EnumerateObject())
            {
                values[property.Name.Replace("__", ":", StringComparison.Ordinal)] = Scalar(property.Value);
            }
        }

        if (root.TryGetProperty("ConnectionStrings", out var connections) && connections.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in connections.EnumerateObject())
            {
                values["ConnectionStrings:" + property.Name] = Scalar(property.Value);
            }
        }

        return (values, ReadLocalHttpPort(root));
    }

    private static int? ReadLocalHttpPort(JsonElement root)
    {
        if (!root.TryGetProperty("Host", out var host) || host.ValueKind != JsonValueKind.Object
            || !host.TryGetProperty("LocalHttpPort", out var port) || port.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return port.ValueKind == JsonValueKind.Number && port.TryGetInt32(out var number) && number is >= 1 and <= 65535
            ? number
            : throw new HostConfigurationException($"local.settings.json Host.LocalHttpPort must be a port number between 1 and 65535 (was '{port.GetRawText()}')");
    }

    private static JsonDocument Parse(string path)
    {
        try
        {
            var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new HostConfigurationException($"{Path.GetFileName(path)} must hold a JSON object");
            }

            return document;
        }
        catch (JsonException ex)
        {
            throw new HostConfigurationException($"{Path.GetFileName(path)} is not valid JSON: {ex.Message}", ex);
        }
    }

    private static IEnumerable<(string Key, string? Value)> Flatten(JsonElement element, string prefix)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                var key = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
                foreach (var pair in Flatten(property.Value, key))
                {
                    yield return pair;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                foreach (var pair in Flatten(item, prefix + "." + index.ToString(CultureInfo.InvariantCulture)))
                {
                    yield return pair;
                }

                index++;
            }
        }
        else
        {
            yield return (prefix, Scalar(element));
        }
    }

    private static string? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Null => null,
        _ => element.GetRawText(),
    };
}
