using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Hosting.Tests.Support;

namespace ServerlessGov.Hosting.Tests.Http;

public sealed class HttpTriggerTests
{
    [Fact]
    public async Task HttpTrigger_DefaultRoutePrefix_ServesUnderApi()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare);

        var response = await host.Client.GetAsync("/api/published");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"published\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HttpTrigger_RoutePrefixFromHostJson_MovesEveryFunction()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare, new { version = "2.0", extensions = new { http = new { routePrefix = "gov" } } });

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/gov/published")).StatusCode);

        // Unknown paths answer 401 to anonymous callers (the fallback policy), 404 once authenticated.
        host.Client.DefaultRequestHeaders.Authorization = new("Bearer", host.Tokens.Issue(FunctionRoles.Auditor));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/api/published")).StatusCode);
    }

    [Fact]
    public async Task HttpTrigger_ValidationError_Returns400ProblemNamingFieldAndRule()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare);
        host.Client.DefaultRequestHeaders.Authorization = new("Bearer", host.Tokens.Issue(FunctionRoles.Operator));

        var response = await host.Client.PostAsJsonAsync("/api/payments", new { id = "p-1", amountFen = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("must be greater than 0", problem.RootElement.GetProperty("errors").GetProperty("amountFen")[0].GetString());
    }

    [Fact]
    public async Task HttpTrigger_UnreadableBody_Returns400Problem()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare);
        host.Client.DefaultRequestHeaders.Authorization = new("Bearer", host.Tokens.Issue(FunctionRoles.Operator));

        var response = await host.Client.PostAsync("/api/payments", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task HttpTrigger_UnhandledException_Returns500ProblemWithoutInternals()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare);

        var response = await host.Client.GetAsync("/api/boom");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task HttpTrigger_OpenApiDocument_ListsEveryHttpFunction()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare);

        var response = await host.Client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/policies/{id}", paths);
        Assert.Contains("/api/payments", paths);
        Assert.Contains("/api/system/reindex", paths);
    }

    [Fact]
    public async Task Health_StartedHost_ReportsLiveReadyAndStorageHealthy()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare);

        var health = await host.Client.GetAsync("/api/health");
        var ready = await host.Client.GetAsync("/api/ready");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("storage").GetString());
    }

    [Fact]
    public async Task Health_StorageUnreachable_LiveButNotReady()
    {
        var blocker = Path.Combine(Path.GetTempPath(), "serverlessgov-hosting-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(blocker)!);
        await File.WriteAllTextAsync(blocker, "a file where the database's directory should be");
        try
        {
            await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare, values: new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = $"Data Source={Path.Combine(blocker, "store.db")}",
            });

            var health = await host.Client.GetAsync("/api/health");
            var ready = await host.Client.GetAsync("/api/ready");

            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            Assert.Equal("unhealthy", body.RootElement.GetProperty("storage").GetString());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }
        finally
        {
            File.Delete(blocker);
        }
    }
}
