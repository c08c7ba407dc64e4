using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Durable.Tests.Http;

/// <summary>The management API on a real Kestrel server on loopback, driven the way a Durable Functions client drives it.</summary>
public sealed class DurableTaskHttpApiTests(SqliteStorageFixture storage) : IClassFixture<SqliteStorageFixture>, IAsyncLifetime
{
    private ManagementApiServer _server = null!;

    private HttpClient Http => _server.Http;

    public async Task InitializeAsync() => _server = await ManagementApiServer.StartAsync(storage);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task StartThenRaiseEvent_StatusGoesFrom202To200WithOutput()
    {
        using var started = await Http.PostAsync("/api/start/Benefit?amount=880", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var payload = await started.Content.ReadFromJsonAsync<JsonElement>();
        var statusUri = payload.GetProperty("statusQueryGetUri").GetString()!;
        Assert.Equal(statusUri, started.Headers.Location!.ToString());

        var running = await _server.WaitForAsync(statusUri, s => s.GetProperty("customStatus").ValueKind == JsonValueKind.String);
        Assert.Equal("Running", running.GetProperty("runtimeStatus").GetString());
        Assert.Equal(880, running.GetProperty("input").GetInt32());
        using (var pending = await Http.GetAsync(statusUri))
        {
            Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        }

        var eventUri = payload.GetProperty("sendEventPostUri").GetString()!.Replace("{eventName}", "confirm", StringComparison.Ordinal);
        using (var raised = await Http.PostAsJsonAsync(eventUri, new { approved = true }))
        {
            Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        }

        var done = await _server.WaitForAsync(statusUri, s => s.GetProperty("runtimeStatus").GetString() == "Completed");
        Assert.Equal(880, done.GetProperty("output").GetInt32());
        Assert.Equal("Benefit", done.GetProperty("name").GetString());
        using var final = await Http.GetAsync(statusUri);
        Assert.Equal(HttpStatusCode.OK, final.StatusCode);
    }

    [Fact]
    public async Task UnknownInstance_StatusControlsAndPurge_Return404()
    {
        var root = $"{DurableTaskHttpApi.BasePath}/instances/nobody";
        using var status = await Http.GetAsync(root);
        using var raised = await Http.PostAsJsonAsync($"{root}/raiseEvent/confirm", new { approved = true });
        using var terminated = await Http.PostAsync($"{root}/terminate", null);
        using var purged = await Http.DeleteAsync(root);

        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, raised.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, terminated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, purged.StatusCode);
    }

    [Fact]
    public async Task SuspendResumeTerminatePurge_ThroughHttp_ChangeTheInstance()
    {
        var id = (await _server.StartAsync("Benefit", 10)).GetProperty("id").GetString()!;
        var root = $"{DurableTaskHttpApi.BasePath}/instances/{id}";
        await _server.WaitForStatusAsync(id, "Running");

        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"{root}/suspend?reason=audit", null)).StatusCode);
        await _server.WaitForStatusAsync(id, "Suspended");
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"{root}/resume", null)).StatusCode);
        await _server.WaitForStatusAsync(id, "Running");
        using (var early = await Http.DeleteAsync(root))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, early.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"{root}/terminate?reason=withdrawn", null)).StatusCode);
        var terminated = await _server.WaitForStatusAsync(id, "Terminated");
        Assert.Equal("withdrawn", terminated.GetProperty("output").GetString());
        using (var final = await Http.GetAsync(root))
        {
            Assert.Equal(HttpStatusCode.OK, final.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Gone, (await Http.PostAsync($"{root}/terminate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await Http.PostAsync($"{root}/suspend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await Http.PostAsJsonAsync($"{root}/raiseEvent/confirm", new { approved = true })).StatusCode);
        using var purge = await Http.DeleteAsync(root);
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(1, (await purge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(root)).StatusCode);
    }

    [Fact]
    public async Task Restart_AFinishedInstance_StartsItAgainWithItsInputAndAnswersTheNewLinks()
    {
        var id = (await _server.StartAsync("Benefit", 42)).GetProperty("id").GetString()!;
        var root = $"{DurableTaskHttpApi.BasePath}/instances/{id}";
        await _server.WaitForStatusAsync(id, "Running");
        using (var live = await Http.PostAsync($"{root}/restart?restartWithNewInstanceId=false", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, live.StatusCode);
        }

        await Http.PostAsync($"{root}/terminate?reason=mistake", null);
        await _server.WaitForStatusAsync(id, "Terminated");

        using var restarted = await Http.PostAsync($"{root}/restart", null);
        Assert.Equal(HttpStatusCode.Accepted, restarted.StatusCode);
        var links = await restarted.Content.ReadFromJsonAsync<JsonElement>();
        var newId = links.GetProperty("id").GetString()!;
        Assert.NotEqual(id, newId);
        var again = await _server.WaitForStatusAsync(newId, "Running");
        Assert.Equal(42, again.GetProperty("input").GetInt32());

        using var sameId = await Http.PostAsync($"{root}/restart?restartWithNewInstanceId=false", null);
        Assert.Equal(HttpStatusCode.Accepted, sameId.StatusCode);
        Assert.Equal(id, (await sameId.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        await _server.WaitForStatusAsync(id, "Running");
    }

    [Fact]
    public async Task QueryInstances_ByStatusWithTop_PagesWithContinuationHeader()
    {
        var ids = new List<string>();
        for (var amount = 1; amount <= 3; amount++)
        {
            ids.Add((await _server.StartAsync("Benefit", amount)).GetProperty("id").GetString()!);
        }

        foreach (var id in ids)
        {
            await _server.WaitForStatusAsync(id, "Running");
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{DurableTaskHttpApi.BasePath}/instances?runtimeStatus=Running,Pending&top=1&showInput=false");
            if (token is not null)
            {
                request.Headers.Add(DurableTaskHttpApi.ContinuationHeader, token);
            }

            using var response = await Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(page.GetArrayLength() <= 1);
            Assert.All(page.EnumerateArray(), e => Assert.Equal(JsonValueKind.Null, e.GetProperty("input").ValueKind));
            seen.AddRange(page.EnumerateArray().Select(e => e.GetProperty("instanceId").GetString()!));
            token = response.Headers.TryGetValues(DurableTaskHttpApi.ContinuationHeader, out var values) ? values.Single() : null;
        }
        while (token is not null);

        Assert.Subset(seen.ToHashSet(), ids.ToHashSet());
    }
}
