using System.Net;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Health;

/// <summary>The real function app, started as its own process on the functions host, answering its health and readiness endpoints.</summary>
public sealed class HealthApiTests
{
    [Fact]
    public async Task Health_FreshAppRootWithoutLocalSettings_AnswersHealthyOnSqliteUnderData()
    {
        await using var app = await FunctionApp.StartAsync();

        var health = await app.GetJsonAsync("/api/health");

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("healthy", health.GetProperty("storage").GetString());
        Assert.True(File.Exists(Path.Combine(app.Root, ".data", "serverlessgov.db")));
    }

    [Fact]
    public async Task Ready_AfterStart_Answers200WithStorageHealthy()
    {
        await using var app = await FunctionApp.StartAsync();

        using var response = await app.Client.GetAsync(new Uri("/api/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"storage\":\"healthy\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_LocalSettingsNameTheDatabase_AppUsesThatFileInsteadOfTheDefault()
    {
        const string settings = """
            { "IsEncrypted": false, "Values": { "AzureWebJobsStorage": "Data Source=state/custom.db" } }
            """;
        await using var app = await FunctionApp.StartAsync(localSettingsJson: settings);

        var health = await app.GetJsonAsync("/api/health");

        Assert.Equal("healthy", health.GetProperty("storage").GetString());
        Assert.True(File.Exists(Path.Combine(app.Root, "state", "custom.db")));
        Assert.False(Directory.Exists(Path.Combine(app.Root, ".data")));
    }

    [Fact]
    public async Task Health_SampleLocalSettingsCopied_AppStartsOnThem()
    {
        var sample = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json"));
        var port = FreePort.Next();
        var settings = sample.Replace("\"LocalHttpPort\": 7071", $"\"LocalHttpPort\": {port}", StringComparison.Ordinal);

        await using var app = await FunctionApp.StartAsync(localSettingsJson: settings, localHttpPort: port);

        Assert.Equal("healthy", (await app.GetJsonAsync("/api/health")).GetProperty("storage").GetString());
        Assert.True(File.Exists(Path.Combine(app.Root, ".data", "serverlessgov.db")));
    }

    [Fact]
    public async Task Start_LocalSettingsHostPort_AppListensOnThatPort()
    {
        var port = FreePort.Next();
        var settings = $$"""
            { "IsEncrypted": false, "Values": {}, "Host": { "LocalHttpPort": {{port}} } }
            """;

        await using var app = await FunctionApp.StartAsync(localSettingsJson: settings, localHttpPort: port);

        Assert.Equal("healthy", (await app.GetJsonAsync("/api/health")).GetProperty("status").GetString());
        Assert.Contains($"Now listening on: http://localhost:{port}", app.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MalformedStorageConnection_FailsNamingTheSetting()
    {
        var (exitCode, output) = await FunctionApp.StartExpectingFailureAsync(
            new Dictionary<string, string> { ["AzureWebJobsStorage"] = "this is not a connection string" });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("AzureWebJobsStorage", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidHostJsonValue_FailsNamingTheKey()
    {
        var (exitCode, output) = await FunctionApp.StartExpectingFailureAsync(
            new Dictionary<string, string> { ["AzureFunctionsJobHost__extensions__queues__batchSize"] = "-1" });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("extensions.queues.batchSize", output, StringComparison.Ordinal);
    }
}
