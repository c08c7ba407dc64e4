using System.Net.Http.Json;
using System.Text.Json;

namespace ServerlessGov.Testing.Apps;

/// <summary>
/// The real function app (<c>functions/ServerlessGov.Functions</c>) running as its own process on a free loopback
/// port, in a fresh app root (its own <c>host.json</c>, optional <c>local.settings.json</c> and <c>.data/</c>).
/// </summary>
public sealed class FunctionApp : IAsyncDisposable
{
    private FunctionApp(AppProcess process, string root, Uri baseAddress)
    {
        Process = process;
        Root = root;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public AppProcess Process { get; }

    /// <summary>The app root the process runs in.</summary>
    public string Root { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>
    /// Starts the app in <paramref name="root"/> (a fresh temporary folder when null) and waits until <c>/api/health</c> answers 200.
    /// It listens on a free loopback port given with <c>--urls</c>, unless <paramref name="localHttpPort"/> is set: then no
    /// URL is given and the app is expected to listen there because local.settings.json's <c>Host.LocalHttpPort</c> says so.
    /// <paramref name="port"/> names the free port to listen on when the caller must know it before the start (settings that point the app at itself).
    /// </summary>
    /// <exception cref="InvalidOperationException">The app exited or did not answer in time; the message carries its output.</exception>
    public static async Task<FunctionApp> StartAsync(
        string? root = null, IReadOnlyDictionary<string, string>? environment = null, string? localSettingsJson = null, int? localHttpPort = null, int? port = null)
    {
        if (root is null)
        {
            root = await CreateRootAsync(localSettingsJson);
        }
        else
        {
            await WriteFilesAsync(root, localSettingsJson);
        }

        var baseAddress = new Uri($"http://127.0.0.1:{localHttpPort ?? port ?? FreePort.Next()}");
        string[] arguments = localHttpPort is null ? ["--urls", baseAddress.ToString()] : [];
        var process = AppProcess.Start(RepositoryPaths.Assembly("functions/ServerlessGov.Functions"), root, WithDevSigningKey(environment), arguments);
        var app = new FunctionApp(process, root, baseAddress);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The function app exited with code {process.ExitCode}:\n{process.Output}");
            }

            try
            {
                using var response = await app.Client.GetAsync(new Uri("/api/health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        await app.DisposeAsync();
        throw new InvalidOperationException($"The function app did not answer /api/health within 60 s:\n{process.Output}");
    }

    /// <summary>Starts the app expecting it to fail at start; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> StartExpectingFailureAsync(IReadOnlyDictionary<string, string> environment, string? localSettingsJson = null)
    {
        var root = await CreateRootAsync(localSettingsJson);
        await using var process = AppProcess.Start(
            RepositoryPaths.Assembly("functions/ServerlessGov.Functions"), root, WithDevSigningKey(environment), "--urls", $"http://127.0.0.1:{FreePort.Next()}");
        if (!await process.WaitForExitAsync(TimeSpan.FromSeconds(60)))
        {
            throw new InvalidOperationException($"The function app was expected to fail at start but kept running:\n{process.Output}");
        }

        return (process.ExitCode, process.Output);
    }

    /// <summary>
    /// Runs a command-line verb of the app (<c>ServerlessGov.Functions &lt;verb&gt; …</c>) in a fresh app root and waits
    /// for it to end; returns its exit code, its standard output (the result) and all its output (with the messages).
    /// </summary>
    /// <exception cref="InvalidOperationException">The command did not end within 60 seconds.</exception>
    public static async Task<(int ExitCode, string StandardOutput, string Output)> RunCommandAsync(
        IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? localSettingsJson = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var root = await CreateRootAsync(localSettingsJson);
        await using var process = AppProcess.Start(RepositoryPaths.Assembly("functions/ServerlessGov.Functions"), root, environment, [.. arguments]);
        if (!await process.WaitForExitAsync(TimeSpan.FromSeconds(60)))
        {
            throw new InvalidOperationException($"The command '{string.Join(' ', arguments)}' did not end within 60 s:\n{process.Output}");
        }

        return (process.ExitCode, process.StandardOutput, process.Output);
    }

    /// <summary>Reads a JSON document from the app.</summary>
    public async Task<JsonElement> GetJsonAsync(string path)
    {
        return await Client.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Process.DisposeAsync();
    }

    /// <summary>The signing key of development tokens the started apps accept (the app refuses to start without one, as it has role-protected functions).</summary>
    public const string DevSigningKey = "function-app-tests-signing-key-0123456789abcdef";

    // The caller's environment, plus the test signing key unless the caller sets its own.
    private static Dictionary<string, string> WithDevSigningKey(IReadOnlyDictionary<string, string>? environment)
    {
        var merged = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
        merged.TryAdd("Auth__DevSigningKey", DevSigningKey);
        return merged;
    }

    /// <summary>A fresh app root holding the repository's host.json and, when given, a local.settings.json.</summary>
    private static async Task<string> CreateRootAsync(string? localSettingsJson)
    {
        var root = Path.Combine(Path.GetTempPath(), "serverlessgov-apps", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        await WriteFilesAsync(root, localSettingsJson);
        return root;
    }

    private static async Task WriteFilesAsync(string root, string? localSettingsJson)
    {
        File.Copy(Path.Combine(RepositoryPaths.Root, "host.json"), Path.Combine(root, "host.json"), overwrite: true);
        if (localSettingsJson is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(root, "local.settings.json"), localSettingsJson);
        }
    }
}
