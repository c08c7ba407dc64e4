using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Durable;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Notifications;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects.Changes;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>
/// What the case scenarios share: the real app on a clock the test may move, with fast polling; one sample policy
/// published (optionally edited, as staff would); HTTP clients carrying development tokens; the notifications sent.
/// </summary>
internal static class CaseScenario
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Starts the app with the settings, on <paramref name="clock"/> when given; queues and the engine poll every 200 ms
    /// at most. On <paramref name="directory"/> when given (the store of an app stopped before: a restart). Without the
    /// durable worker when <paramref name="runOrchestrations"/> is false: HTTP, queues and timers run, orchestrations
    /// are started but none runs a step, as when every worker is busy or down.
    /// </summary>
    public static Task<CaseTestApp> StartAsync(TimeProvider? clock = null, IDictionary<string, string?>? settings = null, string? directory = null, bool runOrchestrations = true)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.200",
            ["AzureFunctionsJobHost:singleton:listenerLockPeriod"] = "00:00:03",
            ["AzureFunctionsJobHost:singleton:listenerLockRecoveryPollingInterval"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return CaseTestApp.StartAsync(values, directory, services =>
        {
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }

            if (!runOrchestrations)
            {
                services.RemoveAll<DurableTaskWorker>();
            }

            services.Configure<DurableTaskOptions>(options =>
            {
                options.MinPollingInterval = TimeSpan.FromMilliseconds(20);
                options.MaxPollingInterval = TimeSpan.FromMilliseconds(200);
            });
        });
    }

    /// <summary>Publishes one shipped sample policy, edited first when <paramref name="edit"/> is given (a cap, a rule of confirmation).</summary>
    public static async Task PublishSampleAsync(CaseTestApp app, string policyId, Action<JsonObject>? edit = null)
    {
        var json = SamplePolicies.Documents().Select(d => d.Json).Single(j => JsonNode.Parse(j)!["id"]!.GetValue<string>() == policyId);
        await PublishAsync(app, json, edit);
    }

    /// <summary>Publishes the next version of a published policy: its newest document, edited.</summary>
    public static async Task PublishNextVersionAsync(CaseTestApp app, string policyId, Action<JsonObject> edit)
    {
        var lifecycle = app.Services.GetRequiredService<PolicyLifecycle>();
        var versions = await lifecycle.ListVersionsAsync(policyId);
        var latest = versions.MaxBy(v => v.Version)!;
        await PublishAsync(app, latest.Document.GetRawText(), edit);
    }

    /// <summary>A client whose requests carry a development token for <paramref name="role"/> with subject <paramref name="subject"/>.</summary>
    public static HttpClient ClientAs(CaseTestApp app, string role, string subject)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/api/") };
        var token = new DevTokenIssuer(CaseTestApp.DevSigningKey).Issue([role], subject, TimeSpan.FromHours(1));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The case resource of (policy, subject, period), as the API addresses it.</summary>
    public static string CasePath(string policyId, string subjectId, string period) => $"cases/{policyId}/{subjectId}/{period}";

    /// <summary>Reads a JSON body.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Web)).Clone();

    /// <summary>The notifications sent to <paramref name="recipient"/> so far.</summary>
    public static Task<IReadOnlyList<Notification>> NotificationsAsync(CaseTestApp app, string recipient) =>
        new NotificationInbox(app.Tables, TimeProvider.System).ListAsync(recipient);

    /// <summary>Sends a <c>subject-changes</c> message, as a source system would.</summary>
    public static async Task SendSubjectChangeAsync(CaseTestApp app, string subjectId, string source, params (string Fact, DateTimeOffset AsOf, object Value)[] facts)
    {
        var queue = app.Services.GetRequiredService<IQueueStore>().GetQueue(SubjectChangeMessage.QueueName);
        await queue.CreateIfNotExistsAsync();
        var message = new SubjectChangeMessage(null, null, subjectId, source,
            facts.Select(f => new SubjectChangeFact(f.Fact, f.AsOf.ToString("O"), JsonSerializer.SerializeToElement(f.Value))).ToList());
        await queue.SendAsync(BinaryData.FromObjectAsJson(message, Web));
    }

    /// <summary>The case's stage now (null when it is not running or has no status yet).</summary>
    public static async Task<CaseStage?> StageAsync(CaseTestApp app, string caseId)
    {
        var instance = await app.Durable.GetInstanceAsync(caseId, getInputsAndOutputs: true);
        return instance is { IsCompleted: false, SerializedCustomStatus: not null } ? instance.ReadCustomStatusAs<CaseProgress>()?.Stage : null;
    }

    private static async Task PublishAsync(CaseTestApp app, string json, Action<JsonObject>? edit)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        edit?.Invoke(document);
        var lifecycle = app.Services.GetRequiredService<PolicyLifecycle>();
        var draft = await lifecycle.CreateDraftAsync(document.ToJsonString(), PolicyActor.System);
        await lifecycle.PublishAsync(draft.PolicyId, draft.ETag, null, PolicyActor.System);
    }
}
