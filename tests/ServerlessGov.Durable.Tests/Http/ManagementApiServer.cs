using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Durable.Tests.Http;

/// <summary>
/// The management API on a real Kestrel server on loopback, on a fresh hub, with a starter at <c>POST /api/start/{orchestrator}</c>
/// that answers as a Durable Functions starter does (<see cref="DurableTaskHttpApi.CreateCheckStatusResponse"/>). Orchestrators:
/// <c>Benefit</c> waits for a <c>confirm</c> event, then grants its input; <c>Rejected</c> fails at once.
/// </summary>
internal sealed class ManagementApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ManagementApiServer(WebApplication app, string hubName)
    {
        _app = app;
        HubName = hubName;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public HttpClient Http { get; }

    public string HubName { get; }

    /// <summary>The absolute base of the management routes on this server.</summary>
    public string BaseUrl => Http.BaseAddress!.ToString().TrimEnd('/') + DurableTaskHttpApi.BasePath;

    public static async Task<ManagementApiServer> StartAsync(IStorageAdapterFixture storage)
    {
        var hubName = DurableTestHost.NewHubName();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ITableStore>(storage.Tables);
        builder.Services.AddSingleton<IQueueStore>(storage.Queues);
        builder.Services.AddDurableTask(r => r
            .AddActivityFunc<int, int>("Grant", (_, amount) => amount)
            .AddOrchestratorFunc<int, int>("Benefit", async (ctx, amount) =>
            {
                ctx.SetCustomStatus("awaiting-confirmation");
                var confirmed = await ctx.WaitForExternalEvent<Confirmation>("confirm");
                return await ctx.CallActivityAsync<int>("Grant", confirmed.Approved ? amount : 0);
            })
            .AddOrchestratorFunc<int, int>("Rejected", Task<int> (_, amount) =>
                throw new InvalidOperationException($"Claim of {amount} rejected.")), options =>
            {
                options.HubName = hubName;
                options.MinPollingInterval = TimeSpan.FromMilliseconds(20);
                options.MaxPollingInterval = TimeSpan.FromMilliseconds(200);
            });
        var app = builder.Build();
        app.MapDurableTaskManagement();
        app.MapPost("/api/start/{orchestrator}", async (string orchestrator, int? amount, HttpRequest request, DurableTaskClient client) =>
            DurableTaskHttpApi.CreateCheckStatusResponse(request, await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, amount ?? 10)));
        await app.StartAsync();
        return new ManagementApiServer(app, hubName);
    }

    /// <summary>Starts an orchestrator through the starter and returns the 202's body.</summary>
    public async Task<JsonElement> StartAsync(string orchestrator, int amount, string query = "")
    {
        using var started = await Http.PostAsync($"/api/start/{orchestrator}?amount={amount}{query}", null);
        return await started.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls a status link until <paramref name="condition"/> holds (30 s at most).</summary>
    public async Task<JsonElement> WaitForAsync(string uri, Func<JsonElement, bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await Http.GetAsync(uri, cts.Token);
            if (response.StatusCode != System.Net.HttpStatusCode.NotFound)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(cts.Token);
                if (condition(body))
                {
                    return body;
                }
            }

            await Task.Delay(25, cts.Token);
        }
    }

    /// <summary>Polls until the instance reports <paramref name="runtimeStatus"/>.</summary>
    public Task<JsonElement> WaitForStatusAsync(string instanceId, string runtimeStatus) =>
        WaitForAsync($"{DurableTaskHttpApi.BasePath}/instances/{instanceId}", s => s.GetProperty("runtimeStatus").GetString() == runtimeStatus);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record Confirmation(bool Approved);
}
