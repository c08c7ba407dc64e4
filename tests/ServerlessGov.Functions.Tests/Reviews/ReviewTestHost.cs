using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Durable;
using ServerlessGov.Functions.Notifications;
using ServerlessGov.Functions.Reviews;
using ServerlessGov.Hosting;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Tests.Reviews;

/// <summary>
/// The review functions on a real functions host in this process: a temporary app root with host.json and
/// local.settings.json, a SQLite file (or the given connection), Kestrel on loopback, and optionally a clock the
/// test moves (shared by the queues, the durable timers and the SLA).
/// </summary>
internal sealed class ReviewTestHost : IAsyncDisposable
{
    public const string DevSigningKey = "review-tests-signing-key-0123456789abcdef";

    private readonly WebApplication _app;

    private ReviewTestHost(WebApplication app, string root)
    {
        _app = app;
        Root = root;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public string Root { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public ReviewWorklist Worklist => Services.GetRequiredService<ReviewWorklist>();

    public DurableTaskClient Durable => Services.GetRequiredService<DurableTaskClient>();

    public ReviewSweep Sweep => Services.GetRequiredService<ReviewSweep>();

    /// <summary>Starts a host in <paramref name="root"/> (a fresh folder when null; pass another host's root to share its store).</summary>
    public static async Task<ReviewTestHost> StartAsync(TimeProvider? clock = null, IDictionary<string, string?>? values = null, string? root = null)
    {
        root ??= Path.Combine(Path.GetTempPath(), "serverlessgov-review-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "Data Source=store.db",
            ["Auth:DevSigningKey"] = DevSigningKey,
            ["Reviews:Groups:benefits:DepartmentHeads:0"] = "head-of-civil-affairs",
        };
        foreach (var (key, value) in values ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        await File.WriteAllTextAsync(Path.Combine(root, "host.json"), JsonSerializer.Serialize(new
        {
            version = "2.0",
            extensions = new { queues = new { maxPollingInterval = "00:00:00.200" } },
        }));
        await File.WriteAllTextAsync(Path.Combine(root, "local.settings.json"), JsonSerializer.Serialize(new
        {
            IsEncrypted = false,
            Values = settings.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value),
        }));

        var builder = FunctionsApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = root, EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.AddFunctionsHost(functions => functions
            .RouteValue(AppRouteValues.ReviewId).RouteValue(AppRouteValues.InboxEntryId)
            .AddFunctionsFrom(typeof(ReviewWorklistFunctions), typeof(NotificationFunctions), typeof(ReviewCaseOrchestration), typeof(ReviewActivities), typeof(ReviewEscalationFunctions)));
        builder.Services.AddReviews(builder.Configuration);
        builder.Services.AddAppJson();
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.Services.Configure<DurableTaskOptions>(options =>
        {
            options.MinPollingInterval = TimeSpan.FromMilliseconds(20);
            options.MaxPollingInterval = TimeSpan.FromMilliseconds(200);
        });
        var app = builder.Build();
        app.MapFunctions();
        await app.StartAsync();
        return new ReviewTestHost(app, root);
    }

    /// <summary>A client whose requests carry a development token for <paramref name="role"/> as <paramref name="subject"/> (tokens use the real clock).</summary>
    public HttpClient ClientAs(string role, string subject)
    {
        var token = new DevTokenIssuer(DevSigningKey).Issue([role], subject, TimeSpan.FromHours(1));
        var client = new HttpClient { BaseAddress = Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Every notification recorded so far: idempotency key → recipient.</summary>
    public async Task<IReadOnlyList<(string Key, string Recipient, IReadOnlyDictionary<string, string> Values)>> NotificationsAsync()
    {
        var table = Services.GetRequiredService<ITableStore>().GetTable("Notifications");
        await table.CreateIfNotExistsAsync();
        var rows = new List<(string, string, IReadOnlyDictionary<string, string>)>();
        await foreach (var row in table.QueryAllAsync(new TableQuery()))
        {
            rows.Add((row.GetString("IdempotencyKey")!, row.GetString("Recipient")!, JsonSerializer.Deserialize<Dictionary<string, string>>(row.GetString("Values")!)!));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Deletes an app root once every host on it has stopped.</summary>
    public static void DeleteRoot(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
