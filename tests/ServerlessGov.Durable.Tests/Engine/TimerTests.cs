using ServerlessGov.Testing;

namespace ServerlessGov.Durable.Tests.Engine;

/// <summary>Durable timers on a fake clock shared by the engine and the SQLite queues: never early, beyond 7 days, across restarts, cancellable.</summary>
public sealed class TimerTests
{
    private static void Register(DurableTaskRegistry r) => r
        .AddActivityFunc<string, string>("Echo", (_, s) => s)
        .AddOrchestratorFunc<double, DateTime>("Sleeper", async (ctx, hours) =>
        {
            var due = ctx.CurrentUtcDateTime.AddHours(hours);
            await ctx.CreateTimer(due, CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        })
        .AddOrchestratorFunc<string?, string>("RaceTimer", async (ctx, _) =>
        {
            using var cts = new CancellationTokenSource();
            var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(30), cts.Token);
            var work = ctx.CallActivityAsync<string>("Echo", "work");
            var winner = await Task.WhenAny(timer, work);
            cts.Cancel();
            return winner == work ? await work : "timer";
        });

    [Fact]
    public async Task Timer_ClockShortOfDueTime_DoesNotFire()
    {
        await using var storage = new TimedSqliteStorage();
        await using var host = await DurableTestHost.StartAsync(storage, Register, time: storage.Clock);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", 2.0);
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        storage.Clock.Advance(TimeSpan.FromMinutes(119));
        await Task.Delay(600);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.RuntimeStatus);

        storage.Clock.Advance(TimeSpan.FromMinutes(2));
        var done = await host.WaitAsync(id);
        Assert.True(done.ReadOutputAs<DateTime>() >= new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Timer_QueueDeliversEarly_EngineRearmsInsteadOfFiring()
    {
        var queueClock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        await using var storage = new TimedSqliteStorage(queueClock);
        await using var host = await DurableTestHost.StartAsync(storage, Register, time: storage.Clock);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", 1.0);
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        queueClock.Advance(TimeSpan.FromHours(2));
        await Task.Delay(600);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.RuntimeStatus);

        storage.Clock.Advance(TimeSpan.FromHours(1));
        queueClock.Advance(TimeSpan.FromHours(1));
        var done = await host.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(done.ReadOutputAs<DateTime>() >= new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Timer_TwentyDaysAway_RearmsPastSevenDayQueueLimitAndFiresOnTime()
    {
        await using var storage = new TimedSqliteStorage();
        await using var host = await DurableTestHost.StartAsync(storage, Register, time: storage.Clock);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", 20 * 24.0);
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        await Task.Delay(200);

        for (var week = 0; week < 2; week++)
        {
            storage.Clock.Advance(TimeSpan.FromDays(7));
            await Task.Delay(600);
            Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.RuntimeStatus);
        }

        storage.Clock.Advance(TimeSpan.FromDays(6) + TimeSpan.FromMinutes(1));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.WaitAsync(id)).RuntimeStatus);
    }

    [Fact]
    public async Task Timer_WorkerRestarted_FiresOnNewWorker()
    {
        await using var storage = new TimedSqliteStorage();
        var hub = DurableTestHost.NewHubName();
        string id;
        await using (var first = await DurableTestHost.StartAsync(storage, Register, time: storage.Clock, hubName: hub))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", 1.0);
            await first.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        }

        storage.Clock.Advance(TimeSpan.FromHours(1));
        await using var second = await DurableTestHost.StartAsync(storage, Register, time: storage.Clock, hubName: hub);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await second.WaitAsync(id)).RuntimeStatus);
    }

    [Fact]
    public async Task CancelledTimer_ActivityWinsRace_InstanceCompletesWithoutWaitingForTimer()
    {
        await using var storage = new TimedSqliteStorage();
        await using var host = await DurableTestHost.StartAsync(storage, Register, time: storage.Clock);

        var done = await host.RunAsync("RaceTimer");

        Assert.Equal("work", done.ReadOutputAs<string>());
    }
}
