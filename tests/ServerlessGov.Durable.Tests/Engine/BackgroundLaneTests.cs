using ServerlessGov.Durable.History;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Durable.Tests.Engine;

/// <summary>
/// The background lane: activities called with <see cref="DurableLanes.Background"/> wait in their own queue and take
/// at most their own slots, so a backlog of them never holds up another instance's steps.
/// </summary>
public abstract class BackgroundLaneTests<TFixture>(TFixture storage) : IClassFixture<TFixture>
    where TFixture : class, IStorageAdapterFixture
{
    private const int BulkItems = 6;

    [Fact]
    public async Task BacklogOfBackgroundActivities_StepsOfAnotherInstanceRunMeanwhile_AndTheBacklogRunsAFewAtATime()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        var mostAtOnce = 0;
        var started = 0;
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddActivityFunc<int, int>("Bulk", async (_, item) =>
            {
                Interlocked.Increment(ref started);
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref mostAtOnce, now);
                await gate.Task;
                Interlocked.Decrement(ref running);
                return item;
            })
            .AddActivityFunc<int, int>("Step", (_, value) => value + 1)
            .AddOrchestratorFunc<int, int>("BulkWork", async (ctx, items) =>
            {
                var all = Enumerable.Range(0, items).Select(i => ctx.CallActivityAsync<int>("Bulk", i, DurableLanes.Background()));
                return (await Task.WhenAll(all)).Sum();
            })
            .AddOrchestratorFunc<int, int>("Steps", async (ctx, value) =>
            {
                for (var i = 0; i < 3; i++)
                {
                    value = await ctx.CallActivityAsync<int>("Step", value);
                }

                return value;
            }),
            options =>
            {
                // Fewer foreground slots than background items: in one shared queue the backlog would take them all.
                options.MaxConcurrentActivities = 2;
                options.MaxConcurrentBackgroundActivities = 2;
            });

        var bulk = await host.Client.ScheduleNewOrchestrationInstanceAsync("BulkWork", BulkItems);
        await WaitUntilAsync(() => Volatile.Read(ref started) >= 2);

        var steps = await host.RunAsync("Steps", 10, timeout: TimeSpan.FromSeconds(30));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, steps.RuntimeStatus);
        Assert.Equal(13, steps.ReadOutputAs<int>());
        Assert.Equal(2, Volatile.Read(ref started));
        gate.SetResult();
        var done = await host.WaitAsync(bulk);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Enumerable.Range(0, BulkItems).Sum(), done.ReadOutputAs<int>());
        Assert.Equal(2, mostAtOnce);
        var history = (await host.Store.LoadAsync(bulk, CancellationToken.None)).History.OfType<TaskScheduledEvent>().ToList();
        Assert.Equal(BulkItems, history.Count);
        Assert.All(history, scheduled => Assert.True(scheduled.Background));
    }

    [Fact]
    public async Task ForegroundBacklog_BackgroundLaneRunsOneAtATime_ThenWidensWhenTheBacklogIsGone()
    {
        var foregroundGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var backgroundGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var foregroundStarted = 0;
        var backgroundStarted = 0;
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddActivityFunc<int, int>("Urgent", async (_, item) =>
            {
                Interlocked.Increment(ref foregroundStarted);
                await foregroundGate.Task;
                return item;
            })
            .AddActivityFunc<int, int>("Bulk", async (_, item) =>
            {
                Interlocked.Increment(ref backgroundStarted);
                await backgroundGate.Task;
                return item;
            })
            .AddOrchestratorFunc<int, int>("Fan", async (ctx, items) =>
            {
                var background = ctx.InstanceId.StartsWith("bulk", StringComparison.Ordinal);
                var all = Enumerable.Range(0, items).Select(i => ctx.CallActivityAsync<int>(background ? "Bulk" : "Urgent", i, background ? DurableLanes.Background() : null));
                return (await Task.WhenAll(all)).Sum();
            }),
            options =>
            {
                options.MaxConcurrentActivities = 1;
                options.MaxConcurrentBackgroundActivities = 4;
            });

        // The activities' lane has one slot and four items: it has a backlog while the first one runs.
        var urgent = await host.Client.ScheduleNewOrchestrationInstanceAsync("Fan", 4, new StartOrchestrationOptions("urgent-" + Guid.NewGuid().ToString("N")));
        await WaitUntilAsync(() => Volatile.Read(ref foregroundStarted) == 1);
        var bulk = await host.Client.ScheduleNewOrchestrationInstanceAsync("Fan", 4, new StartOrchestrationOptions("bulk-" + Guid.NewGuid().ToString("N")));
        await WaitUntilAsync(() => Volatile.Read(ref backgroundStarted) >= 1);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, Volatile.Read(ref backgroundStarted));

        foregroundGate.SetResult();
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.WaitAsync(urgent)).RuntimeStatus);
        await WaitUntilAsync(() => Volatile.Read(ref backgroundStarted) == 4);
        backgroundGate.SetResult();
        var done = await host.WaitAsync(bulk);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(6, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task BackgroundActivityThatFails_IsRetriedInItsLane_UntilItSucceeds()
    {
        var attempts = 0;
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddActivityFunc<int, int>("Flaky", (_, value) =>
            {
                if (Interlocked.Increment(ref attempts) < 3)
                {
                    throw new InvalidOperationException("not yet");
                }

                return value * 2;
            })
            .AddOrchestratorFunc<int, int>("RetryInBackground", (ctx, value) =>
                ctx.CallActivityAsync<int>("Flaky", value, DurableLanes.Background(new TaskRetryOptions(new RetryPolicy(5, TimeSpan.FromMilliseconds(50)))))));

        var done = await host.RunAsync("RetryInBackground", 21);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(42, done.ReadOutputAs<int>());
        var scheduled = (await host.Store.LoadAsync(done.InstanceId, CancellationToken.None)).History.OfType<TaskScheduledEvent>().ToList();
        Assert.Equal(3, scheduled.Count);
        Assert.All(scheduled, s => Assert.True(s.Background));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, cts.Token);
        }
    }
}

public sealed class SqliteBackgroundLaneTests(SqliteStorageFixture storage) : BackgroundLaneTests<SqliteStorageFixture>(storage);

public sealed class AzuriteBackgroundLaneTests(AzuriteStorageFixture storage) : BackgroundLaneTests<AzuriteStorageFixture>(storage);
