using System.Text.Json;

namespace ServerlessGov.Functions.Configuration;

/// <summary>
/// Reads <c>local.settings.json</c> the way the Azure Functions Core Tools do: its <c>Values</c> become
/// configuration (with <c>__</c> as the section separator) and <c>Host.LocalHttpPort</c> picks the local port.
/// The file is optional and git-ignored; <c>local.settings.sample.json</c> shows its shape.
/// </summary>
public static class LocalSettings
{
    /// <summary>The port the app listens on locally when neither the file nor <c>--urls</c> says otherwise.</summary>
    public const int DefaultPort = 7071;

    /// <summary>Adds the file's values to configuration (environment variables and the command line still win) and sets the local URL.</summary>
    /// <exception cref="InvalidOperationException">The file exists but is not valid JSON; the message names the file.</exception>
    public static WebApplicationBuilder AddLocalSettings(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var path = Path.Combine(builder.Environment.ContentRootPath, "local.settings.json");
        var port = DefaultPort;
        if (File.Exists(path))
        {
            using var document = Parse(path);
            var root = document.RootElement;
            if (root.TryGetProperty("Values", out var values) && values.ValueKind == JsonValueKind.Object)
            {
                var settings = values.EnumerateObject()
                    .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value.ToString());
                var overrides = builder.Configuration.AsEnumerable().ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
                builder.Configuration.AddInMemoryCollection(settings.Where(kv => !overrides.ContainsKey(kv.Key)));
            }

            if (root.TryGetProperty("Host", out var host) && host.TryGetProperty("LocalHttpPort", out var p) && p.TryGetInt32(out var configured))
            {
                port = configured;
            }
        }

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls($"http://localhost:{port}");
        }

        return builder;
    }

    private static JsonDocument Parse(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{path} is not valid JSON: {ex.Message}", ex);
        }
    }
}
