using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Connections;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Hosting.Tests.Support;

/// <summary>
/// A real functions host in this process: a temporary content root holding host.json and local.settings.json, a
/// real storage (SQLite file via AzureWebJobsStorage by default, or an adapter fixture's stores), Kestrel on loopback.
/// </summary>
internal sealed class FunctionsTestHost : IAsyncDisposable
{
    public const string DevSigningKey = "test-signing-key-0123456789abcdef0123456789";
    public const string FunctionKey = "test-function-key-0123456789";

    private readonly WebApplication _app;
    private bool _disposed;

    private FunctionsTestHost(WebApplication app, string directory, CapturedLogs logs)
    {
        _app = app;
        Directory = directory;
        Logs = logs;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public string Directory { get; }

    public CapturedLogs Logs { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public ITableStore Tables => Services.GetRequiredService<ITableStore>();

    public IQueueStore Queues => Services.GetRequiredService<IQueueStore>();

    public DevTokenIssuer Tokens => Services.GetRequiredService<DevTokenIssuer>();

    /// <summary>
    /// Writes the files, builds the app and starts it; a start failure is thrown after the files are cleaned up.
    /// <paramref name="storageConnection"/> overrides AzureWebJobsStorage (default: a SQLite file in the content root).
    /// </summary>
    public static async Task<FunctionsTestHost> StartAsync(
        Action<FunctionsBuilder> declare,
        object? hostJson = null,
        IDictionary<string, string?>? values = null,
        string? storageConnection = null,
        Action<IServiceCollection>? services = null,
        Func<IServiceProvider, Task>? beforeStart = null,
        Action<WebApplication>? map = null,
        string environment = "Development",
        IDictionary<string, string?>? environmentVariables = null)
    {
        if (storageConnection is not null)
        {
            values = new Dictionary<string, string?>(values ?? new Dictionary<string, string?>()) { ["AzureWebJobsStorage"] = storageConnection };
        }

        var directory = WriteFiles(hostJson, values);
        var logs = new CapturedLogs();
        try
        {
            var builder = FunctionsApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory, EnvironmentName = environment });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(environmentVariables ?? new Dictionary<string, string?>());
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            builder.AddFunctionsHost(declare);
            services?.Invoke(builder.Services);
            var app = builder.Build();
            app.MapFunctions();
            map?.Invoke(app);
            if (beforeStart is not null)
            {
                await app.Services.GetRequiredService<StorageConnection>().OpenAsync(CancellationToken.None);
                await beforeStart(app.Services);
            }

            await app.StartAsync();
            return new FunctionsTestHost(app, directory, logs);
        }
        catch
        {
            TryDelete(directory);
            throw;
        }
    }

    /// <summary>The default local.settings.json Values: a SQLite file in the content root, a dev signing key and one function key.</summary>
    public static Dictionary<string, string?> DefaultValues() => new()
    {
        ["AzureWebJobsStorage"] = "Data Source=store.db",
        ["Auth:DevSigningKey"] = DevSigningKey,
        ["Auth:FunctionKeys:default"] = FunctionKey,
    };

    public static string WriteFiles(object? hostJson, IDictionary<string, string?>? values)
    {
        var directory = Path.Combine(Path.GetTempPath(), "serverlessgov-hosting-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var merged = DefaultValues();
        foreach (var (key, value) in values ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        File.WriteAllText(Path.Combine(directory, "host.json"), JsonSerializer.Serialize(hostJson ?? new { version = "2.0" }));
        File.WriteAllText(Path.Combine(directory, "local.settings.json"), JsonSerializer.Serialize(new
        {
            IsEncrypted = false,
            Values = merged.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value),
        }));
        return directory;
    }

    public static void TryDelete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file may still be held briefly; temp files are harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    /// <summary>Stops the host gracefully (triggers drain), keeping its storage readable.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        TryDelete(Directory);
    }
}
