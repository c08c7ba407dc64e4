using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Durable.Tests.Http;

/// <summary>
/// The management API's answers compared with what Durable Functions documents and its extension's HTTP handler
/// (Microsoft.Azure.WebJobs.Extensions.DurableTask, <c>HttpApiHandler</c>) answers: "HTTP API reference",
/// https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-http-api. Only the host, instance
/// id, task hub and key of the documented examples vary.
/// </summary>
public sealed partial class DurableHttpApiShapeTests(SqliteStorageFixture storage) : IClassFixture<SqliteStorageFixture>, IAsyncLifetime
{
    /// <summary>The documented 202 body of a starter: every link, in the extension's order, with its query.</summary>
    private static readonly (string Name, string Template)[] DocumentedLinks =
    [
        ("id", "{id}"),
        ("statusQueryGetUri", "{base}/instances/{id}?taskHub={hub}&connection=Storage&code={key}"),
        ("sendEventPostUri", "{base}/instances/{id}/raiseEvent/{eventName}?taskHub={hub}&connection=Storage&code={key}"),
        ("terminatePostUri", "{base}/instances/{id}/terminate?reason={text}&taskHub={hub}&connection=Storage&code={key}"),
        ("purgeHistoryDeleteUri", "{base}/instances/{id}?taskHub={hub}&connection=Storage&code={key}"),
        ("restartPostUri", "{base}/instances/{id}/restart?taskHub={hub}&connection=Storage&code={key}"),
        ("suspendPostUri", "{base}/instances/{id}/suspend?reason={text}&taskHub={hub}&connection=Storage&code={key}"),
        ("resumePostUri", "{base}/instances/{id}/resume?reason={text}&taskHub={hub}&connection=Storage&code={key}"),
    ];

    /// <summary>The documented status payload's fields (<c>historyEvents</c> only with <c>showHistory=true</c>, which this engine refuses).</summary>
    private static readonly string[] DocumentedStatusFields = ["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"];

    /// <summary>The documented runtime status names.</summary>
    private static readonly string[] DocumentedRuntimeStatuses = ["Running", "Pending", "Failed", "Canceled", "Terminated", "Completed", "ContinuedAsNew", "Suspended"];

    private ManagementApiServer _server = null!;

    private HttpClient Http => _server.Http;

    public async Task InitializeAsync() => _server = await ManagementApiServer.StartAsync(storage);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task StartResponse_IsTheDocumented202_LinksInOrderWithTaskHubConnectionAndKey_LocationAndRetryAfter()
    {
        using var started = await Http.PostAsync("/api/start/Benefit?amount=5&code=a-key%2B1", null);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("application/json", started.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(10), started.Headers.RetryAfter!.Delta);
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal(DocumentedLinks.Select(l => l.Name), body.EnumerateObject().Select(p => p.Name));
        foreach (var (name, template) in DocumentedLinks)
        {
            var expected = template.Replace("{base}", _server.BaseUrl, StringComparison.Ordinal).Replace("{id}", id, StringComparison.Ordinal)
                .Replace("{hub}", _server.HubName, StringComparison.Ordinal).Replace("{key}", "a-key%2B1", StringComparison.Ordinal);
            Assert.Equal(expected, body.GetProperty(name).GetString());
        }

        Assert.Equal(body.GetProperty("statusQueryGetUri").GetString(), started.Headers.Location!.ToString());

        // Every link works as it stands, with its placeholders filled in.
        var status = await _server.WaitForAsync(body.GetProperty("statusQueryGetUri").GetString()!, s => s.GetProperty("runtimeStatus").GetString() == "Running");
        Assert.Equal(5, status.GetProperty("input").GetInt32());
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync(Fill(body, "suspendPostUri"), null)).StatusCode);
        await _server.WaitForStatusAsync(id, "Suspended");
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync(Fill(body, "resumePostUri"), null)).StatusCode);
        await _server.WaitForStatusAsync(id, "Running");
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsJsonAsync(Fill(body, "sendEventPostUri"), new { approved = true })).StatusCode);
        await _server.WaitForStatusAsync(id, "Completed");
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync(Fill(body, "restartPostUri"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.DeleteAsync(Fill(body, "purgeHistoryDeleteUri"))).StatusCode);
    }

    [Fact]
    public async Task Status_InEachRuntimeStatus_AnswersTheExtensionsCodeHeadersAndFields()
    {
        var waiting = (await _server.StartAsync("Benefit", 7)).GetProperty("id").GetString()!;
        var failing = (await _server.StartAsync("Rejected", 9)).GetProperty("id").GetString()!;
        await _server.WaitForStatusAsync(waiting, "Running");
        await _server.WaitForStatusAsync(failing, "Failed");

        var runningUri = $"{_server.BaseUrl}/instances/{waiting}?taskHub={_server.HubName}&connection=Storage";
        using (var running = await Http.GetAsync(runningUri))
        {
            Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
            Assert.Equal(runningUri, running.Headers.Location!.ToString());
            Assert.Equal(TimeSpan.FromSeconds(5), running.Headers.RetryAfter!.Delta);
            var body = await running.Content.ReadFromJsonAsync<JsonElement>();
            AssertDocumentedStatus(body, "Benefit", waiting, "Running");
            Assert.Equal(7, body.GetProperty("input").GetInt32());
            Assert.Equal("awaiting-confirmation", body.GetProperty("customStatus").GetString());
            Assert.Equal(JsonValueKind.Null, body.GetProperty("output").ValueKind);
        }

        using (var withoutInput = await Http.GetAsync($"{DurableTaskHttpApi.BasePath}/instances/{waiting}?showInput=false"))
        {
            Assert.Equal(JsonValueKind.Null, (await withoutInput.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("input").ValueKind);
        }

        using (var failed = await Http.GetAsync($"{DurableTaskHttpApi.BasePath}/instances/{failing}"))
        {
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Null(failed.Headers.Location);
            var body = await failed.Content.ReadFromJsonAsync<JsonElement>();
            AssertDocumentedStatus(body, "Rejected", failing, "Failed");
            Assert.Equal("System.InvalidOperationException: Claim of 9 rejected.", body.GetProperty("output").GetString());
        }

        using (var failedAs500 = await Http.GetAsync($"{DurableTaskHttpApi.BasePath}/instances/{failing}?returnInternalServerErrorOnFailure=true"))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, failedAs500.StatusCode);
            AssertDocumentedStatus(await failedAs500.Content.ReadFromJsonAsync<JsonElement>(), "Rejected", failing, "Failed");
        }

        await Http.PostAsync($"{DurableTaskHttpApi.BasePath}/instances/{waiting}/terminate?reason=closed", null);
        await _server.WaitForStatusAsync(waiting, "Terminated");
        using var terminated = await Http.GetAsync($"{DurableTaskHttpApi.BasePath}/instances/{waiting}");
        Assert.Equal(HttpStatusCode.OK, terminated.StatusCode);
        Assert.Null(terminated.Headers.Location);
        AssertDocumentedStatus(await terminated.Content.ReadFromJsonAsync<JsonElement>(), "Benefit", waiting, "Terminated");
    }

    [Fact]
    public async Task Query_IsAnArrayOfDocumentedStatusObjects_FilteredByStatusAndPrefix()
    {
        var id = (await _server.StartAsync("Rejected", 1)).GetProperty("id").GetString()!;
        await _server.WaitForStatusAsync(id, "Failed");

        using var response = await Http.GetAsync($"{DurableTaskHttpApi.BasePath}/instances?runtimeStatus=Failed&instanceIdPrefix={id}&createdTimeFrom=2026-01-01T00:00:00Z&top=10");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Array, page.ValueKind);
        AssertDocumentedStatus(Assert.Single(page.EnumerateArray()), "Rejected", id, "Failed");
    }

    [Fact]
    public async Task BadInput_IsA400ProblemNamingTheFieldAndItsRule()
    {
        var id = (await _server.StartAsync("Benefit", 3)).GetProperty("id").GetString()!;
        await _server.WaitForStatusAsync(id, "Running");
        var root = $"{DurableTaskHttpApi.BasePath}/instances";

        await AssertProblemAsync(Http.GetAsync($"{root}?top=0"), "top", "1 to 1000");
        await AssertProblemAsync(Http.GetAsync($"{root}?runtimeStatus=Sleeping"), "runtimeStatus", "Running");
        await AssertProblemAsync(Http.GetAsync($"{root}?createdTimeFrom=yesterday"), "createdTimeFrom", "ISO 8601");
        await AssertProblemAsync(Http.GetAsync($"{root}/{id}?showHistory=true"), "showHistory", "history");
        await AssertProblemAsync(Http.GetAsync($"{root}/{id}?showInput=maybe"), "showInput", "true or false");
        await AssertProblemAsync(Http.GetAsync($"{root}/{id}?taskHub=OtherHub"), "taskHub", _server.HubName);
        await AssertProblemAsync(Http.GetAsync($"{root}/{id}?connection=Other"), "connection", "Storage");
        await AssertProblemAsync(Http.GetAsync($"{root}/{new string('x', 257)}"), "instanceId", "256");
        await AssertProblemAsync(Http.PostAsync($"{root}/{id}/terminate?reason={new string('r', 1001)}", null), "reason", "1000");
        await AssertProblemAsync(Http.PostAsync($"{root}/{id}/raiseEvent/confirm", new StringContent("approved", Encoding.UTF8, "text/plain")), "Content-Type", "application/json");
        await AssertProblemAsync(Http.PostAsync($"{root}/{id}/raiseEvent/confirm", new StringContent("{not json", Encoding.UTF8, "application/json")), "body", "JSON");
        await AssertProblemAsync(
            Http.PostAsync($"{root}/{id}/raiseEvent/confirm", new StringContent($"\"{new string('x', 41 * 1024)}\"", Encoding.UTF8, "application/json")), "body", "40 KiB");
        await AssertProblemAsync(Http.PostAsync($"{root}/nobody/restart", null), "instanceId", "existing");

        Assert.Equal("Running", (await _server.WaitForStatusAsync(id, "Running")).GetProperty("runtimeStatus").GetString());
    }

    private static void AssertDocumentedStatus(JsonElement body, string name, string instanceId, string runtimeStatus)
    {
        Assert.Equal(DocumentedStatusFields.Order(StringComparer.Ordinal), body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.Equal(instanceId, body.GetProperty("instanceId").GetString());
        Assert.Equal(runtimeStatus, body.GetProperty("runtimeStatus").GetString());
        Assert.Contains(runtimeStatus, DocumentedRuntimeStatuses);
        Assert.Matches(Iso8601Seconds(), body.GetProperty("createdTime").GetString());
        Assert.Matches(Iso8601Seconds(), body.GetProperty("lastUpdatedTime").GetString());
    }

    private static async Task AssertProblemAsync(Task<HttpResponseMessage> sending, string field, string ruleMentions)
    {
        using var response = await sending;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(ruleMentions, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    private static string Fill(JsonElement links, string name) => links.GetProperty(name).GetString()!
        .Replace("{eventName}", "confirm", StringComparison.Ordinal).Replace("{text}", "checked", StringComparison.Ordinal);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex Iso8601Seconds();
}
