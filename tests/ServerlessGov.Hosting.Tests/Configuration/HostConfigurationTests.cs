using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Configuration;
using ServerlessGov.Hosting.Tests.Support;

namespace ServerlessGov.Hosting.Tests.Configuration;

public sealed class HostConfigurationTests
{
    private static readonly Action<FunctionsBuilder> OneQueue = functions =>
        functions.Queue<string>("Work", "work", (_, _, _) => Task.CompletedTask);

    [Fact]
    public async Task HostJson_NegativeBatchSize_StopsTheStartNamingTheKey()
    {
        var failure = await Assert.ThrowsAsync<HostConfigurationException>(() =>
            FunctionsTestHost.StartAsync(OneQueue, new { version = "2.0", extensions = new { queues = new { batchSize = -1 } } }));

        Assert.Contains("extensions.queues.batchSize must be between 1 and 32 (was '-1')", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostJson_SeveralBadValues_AreAllReportedAtOnce()
    {
        var failure = await Assert.ThrowsAsync<HostConfigurationException>(() =>
            FunctionsTestHost.StartAsync(OneQueue, new
            {
                version = "2.0",
                functionTimeout = "forever",
                extensions = new { queues = new { maxDequeueCount = 0, messageEncoding = "utf7", maxPollingInterval = "00:00:00.010" } },
            }));

        Assert.Contains(failure.Errors, e => e.StartsWith("functionTimeout must be", StringComparison.Ordinal));
        Assert.Contains(failure.Errors, e => e.StartsWith("extensions.queues.maxDequeueCount must be between 1", StringComparison.Ordinal));
        Assert.Contains(failure.Errors, e => e.StartsWith("extensions.queues.messageEncoding must be one of base64, none", StringComparison.Ordinal));
        Assert.Contains(failure.Errors, e => e.StartsWith("extensions.queues.maxPollingInterval must be", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TimerFunction_BadCron_StopsTheStartNamingTheFunction()
    {
        var failure = await Assert.ThrowsAsync<HostConfigurationException>(() =>
            FunctionsTestHost.StartAsync(functions => functions.Timer("Sweep", "*/5 * * * *", (_, _, _) => Task.CompletedTask)));

        Assert.Contains("Sweep schedule '*/5 * * * *' is not a 6-field NCRONTAB expression", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalSettings_MissingStorageConnection_StopsTheStartNamingTheSetting()
    {
        var failure = await Assert.ThrowsAsync<HostConfigurationException>(() =>
            FunctionsTestHost.StartAsync(OneQueue, values: new Dictionary<string, string?> { ["AzureWebJobsStorage"] = null }));

        Assert.Contains("AzureWebJobsStorage is required", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalSettings_MalformedAzureConnection_StopsTheStartNamingTheSetting()
    {
        var failure = await Assert.ThrowsAsync<HostConfigurationException>(() =>
            FunctionsTestHost.StartAsync(OneQueue, values: new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "AccountName=x" }));

        Assert.Contains("AzureWebJobsStorage", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalSettings_HostPortOutOfRange_StopsTheStartNamingTheKey()
    {
        var directory = FunctionsTestHost.WriteFiles(hostJson: null, values: null);
        File.WriteAllText(Path.Combine(directory, "local.settings.json"), """{ "Values": {}, "Host": { "LocalHttpPort": 70000 } }""");
        try
        {
            var builder = FunctionsApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory, EnvironmentName = "Development" });

            var failure = Assert.Throws<HostConfigurationException>(() => builder.AddFunctionsHost(OneQueue));

            Assert.Contains("local.settings.json Host.LocalHttpPort must be a port number between 1 and 65535 (was '70000')", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            FunctionsTestHost.TryDelete(directory);
        }
    }

    [Fact]
    public async Task LocalSettings_UnknownTimeZone_StopsTheStartNamingTheSetting()
    {
        var failure = await Assert.ThrowsAsync<HostConfigurationException>(() =>
            FunctionsTestHost.StartAsync(OneQueue, values: new Dictionary<string, string?> { ["WEBSITE_TIME_ZONE"] = "Mars/Olympus_Mons" }));

        Assert.Contains("WEBSITE_TIME_ZONE must be an IANA or Windows time zone id", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalSettings_RoleFunctionsWithoutAnySigningSetup_StopTheStart()
    {
        var failure = await Assert.ThrowsAsync<HostConfigurationException>(() =>
            FunctionsTestHost.StartAsync(SampleApi.Declare, values: new Dictionary<string, string?> { ["Auth:DevSigningKey"] = null }));

        Assert.Contains("Auth:Authority (production) or Auth:DevSigningKey (local development) is required", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalSettings_IanaTimeZoneAndValueOverrides_AreApplied()
    {
        await using var host = await FunctionsTestHost.StartAsync(
            OneQueue,
            new { version = "2.0", extensions = new { queues = new { batchSize = 4 } } },
            values: new Dictionary<string, string?>
            {
                ["WEBSITE_TIME_ZONE"] = "Asia/Shanghai",
                ["AzureFunctionsJobHost__extensions__queues__batchSize"] = "8",
            });

        var settings = host.Services.GetRequiredService<FunctionsHostSettings>();

        Assert.Equal("Asia/Shanghai", settings.TimeZone.Id);
        Assert.Equal(8, settings.Queues.BatchSize);
        Assert.Equal(8 / 2 * Environment.ProcessorCount, settings.Queues.NewBatchThreshold);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.FunctionTimeout);
    }

    [Fact]
    public async Task HostJson_UnknownKeys_AreWarnedAndTheHostStarts()
    {
        await using var host = await FunctionsTestHost.StartAsync(OneQueue, new
        {
            version = "2.0",
            aggregator = new { batchSize = 1000 },
            extensions = new { queues = new { batchSize = 4, bogus = true } },
        });

        var warnings = host.Logs.Entries.Where(e => e.EventId.Id == 5002 && e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Contains(warnings, w => w.Contains("'aggregator.batchSize'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("'extensions.queues.bogus'", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Contains("extensions.queues.batchSize", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostStart_ListsEveryFunctionWithItsTrigger()
    {
        await using var host = await FunctionsTestHost.StartAsync(functions =>
        {
            SampleApi.Declare(functions);
            functions.Queue<string>("Work", "work", (_, _, _) => Task.CompletedTask)
                .Timer("Sweep", "0 */5 * * * *", (_, _, _) => Task.CompletedTask);
        });

        var listed = host.Logs.Entries.Where(e => e.EventId.Id == 5001).Select(e => e.Message).ToList();
        Assert.Contains("  GetPolicy: http GET /api/policies/{id} (roles: policy-author, reviewer)", listed);
        Assert.Contains("  Reindex: http POST /api/system/reindex (function key)", listed);
        Assert.Contains("  Work: queue queue: work", listed);
        Assert.Contains("  Sweep: timer schedule: 0 */5 * * * *", listed);
    }

    [Fact]
    public void FunctionsBuilder_DuplicateName_IsRefused()
    {
        var functions = new FunctionsBuilder().Queue<string>("Work", "work", (_, _, _) => Task.CompletedTask);

        Assert.Throws<ArgumentException>(() => functions.Timer("work", "0 * * * * *", (_, _, _) => Task.CompletedTask));
    }
}
