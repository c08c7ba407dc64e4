using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Hosting.Tests.Support;
using ServerlessGov.Hosting.Timers;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Hosting.Tests.Timers;

/// <summary>Timer-trigger semantics, written once and run against each storage adapter.</summary>
public abstract class TimerTriggerTests
{
    private const string Yearly = "0 0 0 1 1 *";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>The AzureWebJobsStorage connection, or null for the default (a SQLite file per host).</summary>
    protected virtual string? StorageConnection => null;

    [Fact]
    public async Task TimerTrigger_OccurrenceMissedWhileNoHostRan_RunsOnceWithIsPastDue()
    {
        var runs = new ConcurrentQueue<TimerInfo>();
        var missed = DateTimeOffset.UtcNow.AddMinutes(-5).AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerSecond));
        var name = "Missed" + Guid.NewGuid().ToString("N")[..8];
        await using var host = await StartAsync(name, Yearly, runs, beforeStart: async services =>
        {
            var store = new TimerStateStore(services.GetRequiredService<ITableStore>(), TimeProvider.System);
            await store.InitializeAsync(CancellationToken.None);
            await store.TrySetStatusAsync(name, new ScheduleStatus(missed.AddMinutes(-5), missed, missed.AddMinutes(-5)), null, CancellationToken.None);
        });

        await Eventually.AssertAsync(() => !runs.IsEmpty, Wait, "the missed occurrence runs");
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var run = Assert.Single(runs);
        Assert.True(run.IsPastDue);
        Assert.Equal(missed, run.ScheduledTime);
        Assert.Equal(missed, run.ScheduleStatus!.Next);
        var status = await new TimerStateStore(host.Tables, TimeProvider.System).GetStatusAsync(name, CancellationToken.None);
        Assert.Equal(missed, status!.Value.Status.Last);
        Assert.Equal(1, status.Value.Status.Next.Month);
        Assert.Equal(1, status.Value.Status.Next.Day);
    }

    [Fact]
    public async Task TimerTrigger_EverySecond_RunsEachOccurrenceOnceOnTheSecondAndPersistsStatus()
    {
        var runs = new ConcurrentQueue<TimerInfo>();
        var name = "Tick" + Guid.NewGuid().ToString("N")[..8];
        await using var host = await StartAsync(name, "*/1 * * * * *", runs);

        await Eventually.AssertAsync(() => runs.Count >= 3, Wait, "three occurrences run");

        var times = runs.Select(r => r.ScheduledTime).ToList();
        Assert.Equal(times.Count, times.Distinct().Count());
        Assert.All(times, t => Assert.Equal(0, t.Ticks % TimeSpan.TicksPerSecond));
        Assert.All(runs, r => Assert.False(r.IsPastDue));
        var status = await new TimerStateStore(host.Tables, TimeProvider.System).GetStatusAsync(name, CancellationToken.None);
        Assert.True(status!.Value.Status.Last >= times[1]);
        Assert.True(status.Value.Status.Next > status.Value.Status.Last);
    }

    [Fact]
    public async Task TimerTrigger_RunOnStartup_RunsAtStartWithoutBeingPastDue()
    {
        var runs = new ConcurrentQueue<TimerInfo>();
        await using var host = await StartAsync("Startup" + Guid.NewGuid().ToString("N")[..8], Yearly, runs, runOnStartup: true);

        await Eventually.AssertAsync(() => !runs.IsEmpty, Wait, "the startup run happens");

        var run = Assert.Single(runs);
        Assert.False(run.IsPastDue);
        Assert.Null(run.ScheduleStatus);
    }

    [Fact]
    public async Task TimerTrigger_TwoHostsOnOneStore_RunEachOccurrenceOnce()
    {
        var runs = new ConcurrentQueue<TimerInfo>();
        var name = "Shared" + Guid.NewGuid().ToString("N")[..8];
        var directory = Path.Combine(Path.GetTempPath(), "serverlessgov-hosting-tests", Guid.NewGuid().ToString("N"));
        var values = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = StorageConnection ?? $"Data Source={Path.Combine(directory, "shared.db")}" };
        try
        {
            await using var first = await StartAsync(name, "*/1 * * * * *", runs, values: values);
            await using var second = await StartAsync(name, "*/1 * * * * *", runs, values: values);

            await Eventually.AssertAsync(() => runs.Count >= 4, Wait, "four occurrences run");

            var times = runs.Select(r => r.ScheduledTime).ToList();
            Assert.Equal(times.Count, times.Distinct().Count());
        }
        finally
        {
            FunctionsTestHost.TryDelete(directory);
        }
    }

    private Task<FunctionsTestHost> StartAsync(
        string name,
        string schedule,
        ConcurrentQueue<TimerInfo> runs,
        bool runOnStartup = false,
        Func<IServiceProvider, Task>? beforeStart = null,
        Dictionary<string, string?>? values = null) =>
        FunctionsTestHost.StartAsync(
            functions => functions.Timer(name, schedule, (info, _, _) =>
            {
                runs.Enqueue(info);
                return Task.CompletedTask;
            }, runOnStartup),
            new { version = "2.0", singleton = new { listenerLockPeriod = "00:00:03", listenerLockRecoveryPollingInterval = "00:00:00.500" } },
            values: values,
            storageConnection: values is null ? StorageConnection : null,
            beforeStart: beforeStart);
}

public sealed class SqliteTimerTriggerTests : TimerTriggerTests;

public sealed class AzuriteTimerTriggerTests(AzuriteStorageFixture azurite) : TimerTriggerTests, IClassFixture<AzuriteStorageFixture>
{
    protected override string? StorageConnection => azurite.Server.ConnectionString;
}
