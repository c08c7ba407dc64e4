using System.Net;
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

/// <summary>The management API on a real Kestrel server on loopback, driven the way a Durable Functions client drives it.</summary>
public sealed class DurableTaskHttpApiTests(SqliteStorageFixture storage) : IClassFixture<SqliteStorageFixture>, IAsyncLifetime, IDisposable
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
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
            }), options =>
            {
                options.HubName = DurableTestHost.NewHubName();
                options.MinPollingInterval = TimeSpan.FromMilliseconds(20);
                options.MaxPollingInterval = TimeSpan.FromMilliseconds(200);
            });
        _app = builder.Build();
        _app.MapDurableTaskManagement();
        _app.MapPost("/api/start/{amount:int}", async (int amount, HttpRequest request, DurableTaskClient client) =>
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync("Benefit", amount);
            return DurableTaskHttpApi.CreateCheckStatusResponse(request, id);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public void Dispose() => _http?.Dispose();

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task StartThenRaiseEvent_StatusGoesFrom202To200WithOutput()
    {
        using var started = await _http.PostAsync("/api/start/880", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var payload = await started.Content.ReadFromJsonAsync<JsonElement>();
        var statusUri = payload.GetProperty("statusQueryGetUri").GetString()!;
        Assert.Equal(statusUri, started.Headers.Location!.ToString());
        foreach (var link in new[] { "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "suspendPostUri", "resumePostUri" })
        {
            Assert.StartsWith(_http.BaseAddress!.ToString().TrimEnd('/') + DurableTaskHttpApi.BasePath, payload.GetProperty(link).GetString(), StringComparison.Ordinal);
        }

        var running = await WaitForAsync(statusUri, s => s.GetProperty("customStatus").ValueKind == JsonValueKind.String);
        Assert.Equal("Running", running.GetProperty("runtimeStatus").GetString());
        Assert.Equal(880, running.GetProperty("input").GetInt32());
        using (var pending = await _http.GetAsync(statusUri))
        {
            Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        }

        var eventUri = payload.GetProperty("sendEventPostUri").GetString()!.Replace("{eventName}", "confirm", StringComparison.Ordinal);
        using (var raised = await _http.PostAsJsonAsync(eventUri, new { approved = true }))
        {
            Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        }

        var done = await WaitForAsync(statusUri, s => s.GetProperty("runtimeStatus").GetString() == "Completed");
        Assert.Equal(880, done.GetProperty("output").GetInt32());
        Assert.Equal("Benefit", done.GetProperty("name").GetString());
        using var final = await _http.GetAsync(statusUri);
        Assert.Equal(HttpStatusCode.OK, final.StatusCode);
    }

    [Fact]
    public async Task UnknownInstance_StatusAndEvent_Return404()
    {
        using var status = await _http.GetAsync($"{DurableTaskHttpApi.BasePath}/instances/nobody");
        using var raised = await _http.PostAsJsonAsync($"{DurableTaskHttpApi.BasePath}/instances/nobody/raiseEvent/confirm", new { approved = true });

        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, raised.StatusCode);
    }

    [Fact]
    public async Task SuspendResumeTerminatePurge_ThroughHttp_ChangeTheInstance()
    {
        var id = await StartAsync(10);
        var root = $"{DurableTaskHttpApi.BasePath}/instances/{id}";
        await WaitForAsync(root, s => s.GetProperty("runtimeStatus").GetString() == "Running");

        Assert.Equal(HttpStatusCode.Accepted, (await _http.PostAsync($"{root}/suspend?reason=audit", null)).StatusCode);
        await WaitForAsync(root, s => s.GetProperty("runtimeStatus").GetString() == "Suspended");
        Assert.Equal(HttpStatusCode.Accepted, (await _http.PostAsync($"{root}/resume", null)).StatusCode);
        await WaitForAsync(root, s => s.GetProperty("runtimeStatus").GetString() == "Running");
        Assert.Equal(HttpStatusCode.Accepted, (await _http.PostAsync($"{root}/terminate?reason=withdrawn", null)).StatusCode);
        var terminated = await WaitForAsync(root, s => s.GetProperty("runtimeStatus").GetString() == "Terminated");
        Assert.Equal("withdrawn", terminated.GetProperty("output").GetString());
        using (var gone = await _http.GetAsync(root))
        {
            Assert.Equal(HttpStatusCode.BadRequest, gone.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Gone, (await _http.PostAsync($"{root}/terminate", null)).StatusCode);
        using var purge = await _http.DeleteAsync(root);
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(1, (await purge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(root)).StatusCode);
    }

    [Fact]
    public async Task QueryInstances_ByStatusWithTop_PagesWithContinuationHeader()
    {
        var ids = new[] { await StartAsync(1), await StartAsync(2), await StartAsync(3) };
        foreach (var id in ids)
        {
            await WaitForAsync($"{DurableTaskHttpApi.BasePath}/instances/{id}", s => s.GetProperty("runtimeStatus").GetString() == "Running");
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{DurableTaskHttpApi.BasePath}/instances?runtimeStatus=Running,Pending&top=1");
            if (token is not null)
            {
                request.Headers.Add(DurableTaskHttpApi.ContinuationHeader, token);
            }

            using var response = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            seen.AddRange(page.EnumerateArray().Select(e => e.GetProperty("instanceId").GetString()!));
            token = response.Headers.TryGetValues(DurableTaskHttpApi.ContinuationHeader, out var values) ? values.Single() : null;
        }
        while (token is not null);

        Assert.Subset(seen.ToHashSet(), ids.ToHashSet());
        using var bad = await _http.GetAsync($"{DurableTaskHttpApi.BasePath}/instances?runtimeStatus=Sleeping");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private async Task<string> StartAsync(int amount)
    {
        using var started = await _http.PostAsync($"/api/start/{amount}", null);
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> WaitForAsync(string uri, Func<JsonElement, bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await _http.GetAsync(uri, cts.Token);
            if (response.StatusCode != HttpStatusCode.NotFound)
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

    private sealed record Confirmation(bool Approved);
}
