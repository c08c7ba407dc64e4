using System.Net;
using Azure.Core;
using ServerlessGov.Storage.Azure;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Storage.Tests.Azure.Fakes;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Azure;

/// <summary>Retries: the server's Retry-After is honoured, throttling surfaces after the last retry, and a retried insert that had succeeded is reported, not hidden.</summary>
public sealed class AzureRetryTests(AzuriteStorageFixture fixture) : IClassFixture<AzuriteStorageFixture>
{
    private static async Task<AzureStorage> StorageOnAsync(LoopbackHttpServer server, int maxRetries)
    {
        var options = new AzureStorageClientOptions { MaxRetries = maxRetries, RetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromSeconds(5) };
        return await AzureStorage.CreateAsync(
            AzureStorageSettings.FromConnectionString(
                $"AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};TableEndpoint={server.BaseUri};QueueEndpoint={server.BaseUri}"),
            options);
    }

    [Fact]
    public async Task Retry_ServerBusyWithRetryAfter_WaitsAsLongAsTheServerAsked()
    {
        await using var server = new LoopbackHttpServer((index, context) =>
        {
            if (index == 0)
            {
                context.Response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
                context.Response.Headers["Retry-After"] = "2";
                context.Response.Headers["x-ms-error-code"] = "ServerBusy";
            }
            else
            {
                context.Response.StatusCode = (int)HttpStatusCode.NoContent;
            }

            return Task.CompletedTask;
        });
        var storage = await StorageOnAsync(server, maxRetries: 3);

        await storage.GetQueue("payouts-due").ClearAsync();

        Assert.Equal(2, server.Arrivals.Count);
        Assert.True(server.Arrivals[1] - server.Arrivals[0] >= TimeSpan.FromSeconds(1.9),
            $"The retry came {(server.Arrivals[1] - server.Arrivals[0]).TotalMilliseconds} ms after the 503; Retry-After asked for 2 s.");
    }

    [Fact]
    public async Task Retry_ThrottledEveryTime_SurfacesThrottledAfterTheLastRetry()
    {
        await using var server = new LoopbackHttpServer((_, context) =>
        {
            context.Response.StatusCode = 503;
            context.Response.Headers["x-ms-error-code"] = "ServerBusy";
            return Task.CompletedTask;
        });
        var storage = await StorageOnAsync(server, maxRetries: 2);

        var ex = await Assert.ThrowsAsync<StorageException>(() => storage.GetQueue("payouts-due").ClearAsync());

        Assert.Equal(StorageErrorKind.Throttled, ex.Kind);
        Assert.Equal(3, server.Arrivals.Count);
    }

    [Fact]
    public async Task Add_FirstResponseLostAfterTheInsertWasApplied_SurfacesAlreadyExistsSayingItWasRetried()
    {
        var faults = new DropFirstResponsePolicy();
        var options = new AzureStorageClientOptions { RetryDelay = TimeSpan.FromMilliseconds(20) };
        options.AddPolicy(faults, HttpPipelinePosition.PerRetry);
        var storage = await AzureStorage.CreateAsync(AzureStorageSettings.FromConnectionString(fixture.Server.ConnectionString), options);
        var name = UniqueNames.Table();
        Assert.True(await fixture.Storage.GetTable(name).CreateIfNotExistsAsync());
        var entity = new TableEntity("p", "r") { ["Amount"] = 12_345L };

        var ex = await Assert.ThrowsAsync<StorageException>(() => storage.GetTable(name).AddAsync(entity));

        Assert.Equal(StorageErrorKind.AlreadyExists, ex.Kind);
        Assert.Equal("EntityAlreadyExists", ex.ErrorCode);
        Assert.Contains("after 2 attempts", ex.Message, StringComparison.Ordinal);
        var stored = Assert.Single(await fixture.Storage.GetTable(name).QueryAllAsync(new TableQuery()).ToListAsync());
        Assert.Equal(12_345L, stored.GetInt64("Amount"));
        Assert.Equal(2, faults.Calls);
    }
}
