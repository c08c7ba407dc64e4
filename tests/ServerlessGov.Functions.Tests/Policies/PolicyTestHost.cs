using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Hosting;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing;

namespace ServerlessGov.Functions.Tests.Policies;

/// <summary>
/// The function app as <c>Program.cs</c> builds it (<see cref="AppFunctions.Declare"/>, <see cref="ApplicationServices"/>),
/// in this process on a real Kestrel loopback port, with a real store (a SQLite file by default, or Azurite) and a
/// clock fixed at a business date, so dry-runs and audit times are deterministic.
/// </summary>
internal sealed class PolicyTestHost : IAsyncDisposable
{
    public const string SigningKey = "policy-tests-signing-key-0123456789abcdef";

    private readonly WebApplication _app;
    private readonly string _directory;
    private readonly DevTokenIssuer _tokens = new(SigningKey, TimeProvider.System);

    private PolicyTestHost(WebApplication app, string directory, ManualTimeProvider clock)
    {
        _app = app;
        _directory = directory;
        Clock = clock;
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>2026-03-10 10:00 in Asia/Shanghai: inside every sample policy's effective window.</summary>
    public static DateTimeOffset DefaultNow { get; } = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);

    public Uri BaseAddress { get; }

    public ManualTimeProvider Clock { get; }

    public IServiceProvider Services => _app.Services;

    public ITableStore Tables => Services.GetRequiredService<ITableStore>();

    public IQueueStore Queues => Services.GetRequiredService<IQueueStore>();

    public static async Task<PolicyTestHost> StartAsync(string storageConnection = "Data Source=store.db", DateTimeOffset? now = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "serverlessgov-policy-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "host.json"), """{"version": "2.0"}""");
        await File.WriteAllTextAsync(Path.Combine(directory, "local.settings.json"), JsonSerializer.Serialize(new
        {
            IsEncrypted = false,
            Values = new Dictionary<string, string>
            {
                ["AzureWebJobsStorage"] = storageConnection,
                ["Auth:DevSigningKey"] = SigningKey,
                ["Subjects:PseudonymKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            },
        }));

        var clock = new ManualTimeProvider(now ?? DefaultNow);
        var builder = FunctionsApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory, EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddFunctionsHost(AppFunctions.Declare);
        builder.AddApplicationServices();
        var app = builder.Build();
        app.MapFunctions();
        await app.StartAsync();
        return new PolicyTestHost(app, directory, clock);
    }

    /// <summary>A client calling as <paramref name="subject"/> in <paramref name="roles"/>; no roles means no token at all.</summary>
    public HttpClient Client(string subject = "author-1", params string[] roles)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (roles.Length > 0)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.Issue(roles, subject));
        }

        return client;
    }

    public HttpClient Author(string subject = "author-1") => Client(subject, FunctionRoles.PolicyAuthor);

    public HttpClient Supervisor(string subject = "supervisor-1") => Client(subject, FunctionRoles.Supervisor);

    public HttpClient Auditor(string subject = "auditor-1") => Client(subject, FunctionRoles.Auditor);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
