using System.Net;
using System.Text.Json;
using ServerlessGov.Hosting.Tests.Support;
using ServerlessGov.Testing.Apps;
using ServerlessGov.Testing.Azurite;

namespace ServerlessGov.Hosting.Tests.Http;

/// <summary>Health and readiness on Azure Storage: what <c>HttpTriggerTests</c> checks on SQLite, on a real Azurite and on an account nobody answers for.</summary>
public sealed class AzureStorageHealthTests(AzuriteStorageFixture azurite) : IClassFixture<AzuriteStorageFixture>
{
    [Fact]
    public async Task Health_OnAzurite_ReportsLiveReadyAndStorageHealthy()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare, storageConnection: azurite.Server.ConnectionString);

        using var health = await host.Client.GetAsync("/api/health");
        using var ready = await host.Client.GetAsync("/api/ready");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("storage").GetString());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Health_AzureEndpointsNobodyListensOn_LiveButNotReady()
    {
        var closed = FreePort.Next();
        var unreachable = azurite.Server.ConnectionString
            .Replace($":{azurite.Server.TablePort}/", $":{closed}/", StringComparison.Ordinal)
            .Replace($":{azurite.Server.QueuePort}/", $":{closed}/", StringComparison.Ordinal);
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare, storageConnection: unreachable);

        using var health = await host.Client.GetAsync("/api/health");
        using var ready = await host.Client.GetAsync("/api/ready");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("unhealthy", body.RootElement.GetProperty("storage").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }
}
