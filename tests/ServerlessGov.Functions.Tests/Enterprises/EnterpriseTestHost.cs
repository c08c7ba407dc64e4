using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Functions.Enterprises;
using ServerlessGov.Hosting;
using ServerlessGov.Hosting.Queues;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>
/// The enterprise functions on a real functions host in this process, on Kestrel at a free loopback port, its own
/// receiver as the Event Grid topic (or a port held bound but not listening, to play a receiver that is down: every
/// connection is refused at once, and no other test's server can take the port meanwhile). Queue retries are fast:
/// 200 ms polling, a 300 ms visibility timeout, three attempts. Webhooks on loopback are allowed
/// (<c>Enterprises:Webhooks:AllowPrivateNetworks</c>) unless the settings turn that off.
/// </summary>
internal sealed class EnterpriseTestHost : IAsyncDisposable
{
    public const string DevSigningKey = "enterprise-tests-signing-key-0123456789abcdef";
    public const int MaxAttempts = 3;
    public const string TopicKey = "local-topic-key";

    private readonly WebApplication _app;
    private readonly bool _ownsRoot;
    private Socket? _downReceiver;

    private EnterpriseTestHost(WebApplication app, string root, bool ownsRoot, Uri baseAddress)
    {
        _app = app;
        Root = root;
        _ownsRoot = ownsRoot;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public HttpClient Client { get; }

    /// <summary>The app root (host.json, local.settings.json, the SQLite store); another host started on it shares the store.</summary>
    public string Root { get; }

    /// <summary>The topic endpoint this host publishes to.</summary>
    public Uri ReceiverEndpoint => new(Client.BaseAddress!, "/api/" + EnterprisesFunctions.ReceiverRoute);

    public DeliveryStore Deliveries => _app.Services.GetRequiredService<DeliveryStore>();

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host whose topic is its own receiver, or nothing at all when <paramref name="receiverDown"/>.</summary>
    public static async Task<EnterpriseTestHost> StartAsync(bool receiverDown = false, IDictionary<string, string>? settings = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "serverlessgov-enterprise-tests", Guid.NewGuid().ToString("N"));
        if (!receiverDown)
        {
            return await StartAsync(root, ownsRoot: true, topicPort: null, settings);
        }

        var down = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            down.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var host = await StartAsync(root, ownsRoot: true, ((IPEndPoint)down.LocalEndPoint!).Port, settings);
            host._downReceiver = down;
            return host;
        }
        catch
        {
            down.Dispose();
            throw;
        }
    }

    /// <summary>Starts a second host on <paramref name="first"/>'s store, publishing to <paramref name="first"/>'s receiver.</summary>
    public static Task<EnterpriseTestHost> StartBesideAsync(EnterpriseTestHost first)
    {
        ArgumentNullException.ThrowIfNull(first);
        return StartAsync(first.Root, ownsRoot: false, first.ReceiverEndpoint.Port);
    }

    private static async Task<EnterpriseTestHost> StartAsync(string root, bool ownsRoot, int? topicPort, IDictionary<string, string>? extra = null)
    {
        Directory.CreateDirectory(root);
        var port = FreePort.Next();
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = "Data Source=store.db",
            ["Auth:DevSigningKey"] = DevSigningKey,
            ["Enterprises:EventGrid:TopicEndpoint"] = $"http://127.0.0.1:{topicPort ?? port}/api/{EnterprisesFunctions.ReceiverRoute}",
            ["Enterprises:EventGrid:TopicKey"] = TopicKey,
            ["Enterprises:EventGrid:PublishTimeout"] = "00:00:05",
            ["Enterprises:EventGrid:RetryBackoff"] = "00:00:00.100",
            ["Enterprises:Webhooks:AllowPrivateNetworks"] = "true",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        await File.WriteAllTextAsync(Path.Combine(root, "host.json"), JsonSerializer.Serialize(new
        {
            version = "2.0",
            extensions = new { queues = new { maxPollingInterval = "00:00:00.200", visibilityTimeout = "00:00:00.300", maxDequeueCount = MaxAttempts } },
        }));
        await File.WriteAllTextAsync(Path.Combine(root, "local.settings.json"), JsonSerializer.Serialize(new { IsEncrypted = false, Values = settings }));

        var builder = FunctionsApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = root, EnvironmentName = "Development" });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.AddFunctionsHost(AppFunctions.Declare);
        builder.AddApplicationServices();
        var app = builder.Build();
        app.MapFunctions();
        await app.StartAsync();
        return new EnterpriseTestHost(app, root, ownsRoot, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Queues a notification, as the matcher would.</summary>
    public async Task QueueAsync(PolicyMatchNotification message)
    {
        var queue = _app.Services.GetRequiredService<IQueueStore>().GetQueue(PolicyMatchNotification.QueueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendAsync(BinaryData.FromObjectAsJson(message, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
    }

    /// <summary>The messages of <c>enterprise-notifications-poison</c>, read without taking them.</summary>
    public async Task<IReadOnlyList<PoisonMessage>> PoisonAsync(string queueName = PolicyMatchNotification.QueueName)
    {
        var queue = _app.Services.GetRequiredService<IQueueStore>().GetQueue(queueName + "-poison");
        await queue.CreateIfNotExistsAsync();
        return [.. (await queue.PeekAsync(32)).Select(m => PoisonMessage.Parse(m.Body))];
    }

    /// <summary>How many messages wait in <c>enterprise-notifications</c>, in flight ones included.</summary>
    public Task<int> PendingMessagesAsync(string queueName = PolicyMatchNotification.QueueName) =>
        _app.Services.GetRequiredService<IQueueStore>().GetQueue(queueName).GetApproximateCountAsync();

    /// <summary>A client whose requests carry a development token for <paramref name="role"/> as <paramref name="subject"/>.</summary>
    public HttpClient ClientAs(string role, string subject)
    {
        var token = new DevTokenIssuer(DevSigningKey).Issue([role], subject, TimeSpan.FromHours(1));
        var client = new HttpClient { BaseAddress = Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _downReceiver?.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (!_ownsRoot)
        {
            return;
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
