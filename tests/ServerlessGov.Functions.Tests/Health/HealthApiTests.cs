using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Health;

public sealed class HealthApiTests
{
    [Fact]
    public async Task Health_FreshAppRoot_AnswersHealthyOnSqliteUnderData()
    {
        await using var app = await FunctionApp.StartAsync();

        var health = await app.GetJsonAsync("/api/health");

        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var storage = health.GetProperty("checks").GetProperty("storage");
        Assert.Equal("Healthy", storage.GetProperty("status").GetString());
        Assert.Equal("Sqlite", storage.GetProperty("data").GetProperty("provider").GetString());
        Assert.True(File.Exists(Path.Combine(app.Root, ".data", "serverlessgov.db")));
    }

    [Fact]
    public async Task Health_LocalSettingsNameTheDatabase_AppUsesThatFile()
    {
        const string settings = """
            { "IsEncrypted": false, "Values": { "Storage__Provider": "Sqlite", "Storage__SqlitePath": "state/custom.db" } }
            """;
        await using var app = await FunctionApp.StartAsync(localSettingsJson: settings);

        var health = await app.GetJsonAsync("/api/health");

        var location = health.GetProperty("checks").GetProperty("storage").GetProperty("data").GetProperty("location").GetString();
        Assert.Equal(Path.Combine(app.Root, "state", "custom.db"), location);
        Assert.True(File.Exists(Path.Combine(app.Root, "state", "custom.db")));
    }

    [Fact]
    public async Task Start_UnknownStorageProvider_FailsNamingTheKey()
    {
        var (exitCode, output) = await FunctionApp.StartExpectingFailureAsync(
            new Dictionary<string, string> { ["Storage__Provider"] = "Floppy" });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Storage:Provider", output, StringComparison.Ordinal);
    }
}
