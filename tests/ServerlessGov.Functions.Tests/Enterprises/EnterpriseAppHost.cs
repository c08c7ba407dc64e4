using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Enterprises;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects.Changes;
using ServerlessGov.Functions.Subjects.Registry;
using ServerlessGov.Hosting;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>
/// The whole function app in this process (registry, policies, cases, sandbox bank, enterprises) on Kestrel at a
/// loopback port, on a SQLite file, its enterprise topic pointed at a <see cref="RecordingWebhook"/> (or its own
/// receiver). Queue retries are fast (200 ms polling, 300 ms visibility timeout, three attempts); webhooks on loopback
/// are allowed (<c>Enterprises:Webhooks:AllowPrivateNetworks</c>).
/// </summary>
internal sealed class EnterpriseAppHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EnterpriseAppHost(WebApplication app, string root, Uri baseAddress)
    {
        _app = app;
        Root = root;
        BaseAddress = baseAddress;
    }

    public string Root { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public DurableTaskClient Durable => Services.GetRequiredService<DurableTaskClient>();

    public DeliveryStore Deliveries => Services.GetRequiredService<DeliveryStore>();

    public static async Task<EnterpriseAppHost> StartAsync(Uri? topic, IDictionary<string, string>? settings = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "serverlessgov-enterprise-app-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var port = FreePort.Next();
        var api = $"http://127.0.0.1:{port}/api/";
        var values = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = "Data Source=store.db",
            ["Auth__DevSigningKey"] = EnterpriseTestHost.DevSigningKey,
            ["Payments__Timeout"] = "00:00:02",
            ["Payouts__SubmissionLease"] = "00:00:05",
            ["SandboxBank__SettlementDelay"] = "00:00:00.300",
            ["SandboxBank__PollInterval"] = "00:00:00.100",
            ["Cases__SettlementPollInterval"] = "00:00:02",
            ["Cases__PaymentRetryDelay"] = "00:00:00.500",
            ["Cases__ReturnWatch"] = "00:00:00",
            ["Enterprises__EventGrid__TopicEndpoint"] = (topic ?? new Uri(api + EnterprisesFunctions.ReceiverRoute)).ToString(),
            ["Enterprises__EventGrid__TopicKey"] = "local-topic-key",
            ["Enterprises__EventGrid__PublishTimeout"] = "00:00:05",
            ["Enterprises__EventGrid__RetryBackoff"] = "00:00:00.100",
            ["Enterprises__Webhooks__AllowPrivateNetworks"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            values[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        await File.WriteAllTextAsync(Path.Combine(root, "host.json"), JsonSerializer.Serialize(new
        {
            version = "2.0",
            extensions = new { queues = new { maxPollingInterval = "00:00:00.200", visibilityTimeout = "00:00:00.300", maxDequeueCount = EnterpriseTestHost.MaxAttempts } },
        }));
        await File.WriteAllTextAsync(Path.Combine(root, "local.settings.json"), JsonSerializer.Serialize(new { IsEncrypted = false, Values = values }));
        var builder = FunctionsApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = root, EnvironmentName = "Development" });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.AddFunctionsHost(AppFunctions.Declare);
        builder.AddApplicationServices();
        var app = builder.Build();
        app.MapFunctions();
        await app.StartAsync();
        return new EnterpriseAppHost(app, root, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Puts an enterprise into the real registry, with its credit code and facts (fact, source, value) as of yesterday.</summary>
    public async Task ImportEnterpriseAsync(string enterpriseId, string creditCode, params (string Fact, string Source, RuleValue Value)[] facts)
    {
        var now = DateTimeOffset.UtcNow;
        var registry = Services.GetRequiredService<SubjectRegistry>();
        await registry.EnsureCreatedAsync();
        await registry.ApplyAsync([new SubjectUpdate(new SubjectId(enterpriseId), SubjectKind.Enterprise, creditCode,
            [.. facts.Select(f => new StoredObservation(f.Fact, f.Source, f.Value, now.AddDays(-1), now, "test"))])]);
    }

    /// <summary>Sends a <c>subject-changes</c> message, as a source system would.</summary>
    public async Task SendSubjectChangeAsync(object message)
    {
        var queue = Services.GetRequiredService<IQueueStore>().GetQueue(SubjectChangeMessage.QueueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendAsync(BinaryData.FromObjectAsJson(message, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
    }

    /// <summary>Publishes the twelve sample policies through the real lifecycle (which announces them).</summary>
    public Task PublishSamplesAsync() => Services.GetRequiredService<PolicyLifecycle>().PublishSamplesAsync(PolicyActor.System);

    /// <summary>A client whose requests carry a development token for <paramref name="role"/> as <paramref name="subject"/>.</summary>
    public HttpClient ClientAs(string role, string subject)
    {
        var token = new DevTokenIssuer(EnterpriseTestHost.DevSigningKey).Issue([role], subject, TimeSpan.FromHours(1));
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
