using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessGov.Durable;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Hosting.Tests.Support;
using ServerlessGov.Testing.Azurite;
using ActivityTriggerAttribute = Microsoft.Azure.Functions.Worker.ActivityTriggerAttribute;
using FunctionAttribute = Microsoft.Azure.Functions.Worker.FunctionAttribute;
using OrchestrationTriggerAttribute = Microsoft.Azure.Functions.Worker.OrchestrationTriggerAttribute;

namespace ServerlessGov.Hosting.Tests.Durable;

/// <summary>Orchestration and activity triggers on the durable engine, declared in the catalog like any function.</summary>
public abstract class DurableTriggerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>The AzureWebJobsStorage connection, or null for the default (a SQLite file per host).</summary>
    protected virtual string? StorageConnection => null;

    [Fact]
    public async Task Orchestration_StartedFromAnHttpFunction_RunsItsActivitiesAndCompletes()
    {
        var activityScopes = new ConcurrentQueue<FunctionContext>();
        await using var host = await StartAsync(functions => functions
            .Http("StartTotal", "POST", "totals", async (long[] amounts, DurableTaskClient client) =>
                Results.Accepted(value: await client.ScheduleNewOrchestrationInstanceAsync("SumPayments", amounts)), FunctionAuthorization.Public)
            .Orchestration<long[], long>("SumPayments", async context =>
            {
                var amounts = context.GetInput<long[]>()!;
                var parts = await Task.WhenAll(amounts.Select(a => context.CallActivityAsync<long>("DoubleAmount", a)));
                return parts.Sum();
            })
            .Activity<long, long>("DoubleAmount", (_, amount, functionContext, _) =>
            {
                activityScopes.Enqueue(functionContext);
                return Task.FromResult(amount * 2);
            }));

        var response = await host.Client.PostAsJsonAsync("/api/totals", new long[] { 100, 250, 1 });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var instanceId = await response.Content.ReadFromJsonAsync<string>();
        using var timeout = new CancellationTokenSource(Wait);
        var done = await host.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(instanceId!, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(702, done.ReadOutputAs<long>());
        Assert.Equal(3, activityScopes.Count);
        Assert.All(activityScopes, c => Assert.Equal("DoubleAmount", c.FunctionName));
        Assert.Equal(3, activityScopes.Select(c => c.InvocationId).Distinct().Count());
    }

    [Fact]
    public async Task AttributeOrchestrationAndActivity_RunOnTheEngine_InputReadAsTheTypeGetInputNamesAndActivityOnAnInstanceFromItsServices()
    {
        var ledger = new AmountLedger();
        await using var host = await StartAsync(functions => functions.AddFunctionsFrom(typeof(TotalOrchestration), typeof(DoublingActivities)), services: services => services.AddSingleton(ledger));
        var client = host.Services.GetRequiredService<DurableTaskClient>();

        var instanceId = await client.ScheduleNewOrchestrationInstanceAsync(TotalOrchestration.Name, new TotalRequest("fen", [100, 250, 1]));
        using var timeout = new CancellationTokenSource(Wait);
        var done = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new TotalResult("fen", 702), done.ReadOutputAs<TotalResult>());
        Assert.Equal([1, 100, 250], ledger.Seen.Order());
    }

    [Fact]
    public async Task ManagementLinks_FromAnHttpStarter_AreServedByTheHostToFunctionKeysOnly()
    {
        await using var host = await StartAsync(functions => functions
            .Http("StartWait", "POST", "waits", async (HttpRequest request, DurableTaskClient client) =>
                DurableTaskHttpApi.CreateCheckStatusResponse(request, await client.ScheduleNewOrchestrationInstanceAsync("AwaitApproval")), FunctionAuthorization.Public)
            .Orchestration<string?, bool>("AwaitApproval", context => context.WaitForExternalEvent<bool>("approval")));

        using var started = await host.Client.PostAsync("/api/waits", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var links = await started.Content.ReadFromJsonAsync<HttpManagementPayload>();
        Assert.StartsWith(host.Client.BaseAddress!.ToString().TrimEnd('/') + DurableTaskHttpApi.BasePath + "/instances/", links!.StatusQueryGetUri, StringComparison.Ordinal);

        using (var anonymous = await host.Client.GetAsync(links.StatusQueryGetUri))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using var withKey = await host.Client.GetAsync($"{links.StatusQueryGetUri}&code={FunctionsTestHost.FunctionKey}");
        Assert.Equal(HttpStatusCode.Accepted, withKey.StatusCode);
        using var raise = new HttpRequestMessage(HttpMethod.Post, links.SendEventPostUri.Replace("{eventName}", "approval", StringComparison.Ordinal))
        {
            Content = JsonContent.Create(true),
        };
        raise.Headers.Add("x-functions-key", FunctionsTestHost.FunctionKey);
        Assert.Equal(HttpStatusCode.Accepted, (await host.Client.SendAsync(raise)).StatusCode);
        using var timeout = new CancellationTokenSource(Wait);
        var done = await host.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(links.Id, getInputsAndOutputs: true, timeout.Token);
        Assert.True(done.ReadOutputAs<bool>());
    }

    [Fact]
    public async Task DurableTaskSettings_FromHostJson_ConfigureTheEngine()
    {
        await using var host = await StartAsync(
            functions => functions.Activity<int, int>("Echo", (_, value, _, _) => Task.FromResult(value)),
            new
            {
                version = "2.0",
                extensions = new
                {
                    durableTask = new
                    {
                        hubName = "Hub" + Guid.NewGuid().ToString("N")[..8],
                        storageProvider = new { partitionCount = 2 },
                        maxConcurrentActivityFunctions = 3,
                        maxConcurrentBackgroundActivityFunctions = 2,
                        maxConcurrentOrchestratorFunctions = 5,
                    },
                },
            });

        var options = host.Services.GetRequiredService<IOptions<DurableTaskOptions>>().Value;

        Assert.StartsWith("Hub", options.HubName, StringComparison.Ordinal);
        Assert.Equal(2, options.PartitionCount);
        Assert.Equal(3, options.MaxConcurrentActivities);
        Assert.Equal(2, options.MaxConcurrentBackgroundActivities);
        Assert.Equal(5, options.MaxConcurrentOrchestrations);
    }

    [Fact]
    public async Task DurableTaskSettings_BadHubNameOrPartitionCount_StopTheStartNamingTheKeys()
    {
        var failure = await Assert.ThrowsAsync<ServerlessGov.Hosting.Configuration.HostConfigurationException>(() => StartAsync(
            functions => functions.Activity<int, int>("Echo", (_, value, _, _) => Task.FromResult(value)),
            new { version = "2.0", extensions = new { durableTask = new { hubName = "9lives", storageProvider = new { partitionCount = 17 } } } }));

        Assert.Contains("extensions.durableTask.hubName must be 3–40 letters and digits", failure.Message, StringComparison.Ordinal);
        Assert.Contains("extensions.durableTask.storageProvider.partitionCount must be between 1 and 16", failure.Message, StringComparison.Ordinal);
    }

    private Task<FunctionsTestHost> StartAsync(Action<FunctionsBuilder> declare, object? hostJson = null, Action<IServiceCollection>? services = null) =>
        FunctionsTestHost.StartAsync(
            declare,
            hostJson ?? new { version = "2.0", extensions = new { durableTask = new { hubName = "Hub" + Guid.NewGuid().ToString("N")[..8] } } },
            storageConnection: StorageConnection,
            services: services);

    public sealed record TotalRequest(string Unit, long[] Amounts);

    public sealed record TotalResult(string Unit, long Total);

    /// <summary>What the activities saw, from the test's services.</summary>
    public sealed class AmountLedger
    {
        public ConcurrentBag<long> Seen { get; } = [];
    }

    public static class TotalOrchestration
    {
        public const string Name = "TotalAmounts";

        [Function(Name)]
        public static async Task<TotalResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
        {
            var request = context.GetInput<TotalRequest>()!;
            var parts = await Task.WhenAll(request.Amounts.Select(a => context.CallActivityAsync<long>(DoublingActivities.Name, a)));
            return new TotalResult(request.Unit, parts.Sum());
        }
    }

    public sealed class DoublingActivities(AmountLedger ledger)
    {
        public const string Name = "DoubleTheAmount";

        [Function(Name)]
        public Task<long> DoubleAsync([ActivityTrigger] long amount, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ledger.Seen.Add(amount);
            return Task.FromResult(amount * 2);
        }
    }
}

public sealed class SqliteDurableTriggerTests : DurableTriggerTests;

public sealed class AzuriteDurableTriggerTests(AzuriteStorageFixture azurite) : DurableTriggerTests, IClassFixture<AzuriteStorageFixture>
{
    protected override string? StorageConnection => azurite.Server.ConnectionString;
}
