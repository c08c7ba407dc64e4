using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Durable.Tests.Engine;

/// <summary>
/// Durable timers on the real clock, on every adapter (Azurite's queue delays cannot be faked, so these use short
/// timers; the fake-clock cases, including re-arming beyond the 7-day queue limit, are in <see cref="TimerTests"/>).
/// </summary>
public abstract class RealClockTimerTests<TFixture>(TFixture storage) : IClassFixture<TFixture>
    where TFixture : class, IStorageAdapterFixture
{
    private static void Register(DurableTaskRegistry r) => r
        .AddActivityFunc<string, string>("Echo", (_, s) => s)
        .AddOrchestratorFunc<double, DateTime[]>("ShortSleeper", async (ctx, seconds) =>
        {
            var due = ctx.CurrentUtcDateTime.AddSeconds(seconds);
            await ctx.CreateTimer(due, CancellationToken.None);
            return [due, ctx.CurrentUtcDateTime];
        })
        .AddOrchestratorFunc<string?, string>("RaceLongTimer", async (ctx, _) =>
        {
            using var cts = new CancellationTokenSource();
            var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddDays(30), cts.Token);
            var work = ctx.CallActivityAsync<string>("Echo", "work");
            var winner = await Task.WhenAny(timer, work);
            cts.Cancel();
            return winner == work ? await work : "timer";
        });

    [Fact]
    public async Task Timer_TwoSecondsAway_ResumesNoEarlierThanDue()
    {
        await using var host = await DurableTestHost.StartAsync(storage, Register);

        var done = await host.RunAsync("ShortSleeper", 2.0);

        var times = done.ReadOutputAs<DateTime[]>()!;
        Assert.True(times[1] >= times[0], $"resumed at {times[1]:O}, before the timer was due at {times[0]:O}");
        Assert.True(done.LastUpdatedAt >= new DateTimeOffset(times[0], TimeSpan.Zero));
    }

    [Fact]
    public async Task Timer_WorkerStoppedBeforeDue_FiresOnNextWorker()
    {
        var hub = DurableTestHost.NewHubName();
        string id;
        await using (var first = await DurableTestHost.StartAsync(storage, Register, hubName: hub))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync("ShortSleeper", 3.0);
            await first.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        }

        await using var second = await DurableTestHost.StartAsync(storage, Register, hubName: hub);
        var done = await second.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var times = done.ReadOutputAs<DateTime[]>()!;
        Assert.True(times[1] >= times[0]);
    }

    [Fact]
    public async Task CancelledTimer_ThirtyDaysAway_DoesNotKeepTheInstanceAlive()
    {
        await using var host = await DurableTestHost.StartAsync(storage, Register);

        var done = await host.RunAsync("RaceLongTimer");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("work", done.ReadOutputAs<string>());
    }
}

public sealed class SqliteRealClockTimerTests(SqliteStorageFixture storage) : RealClockTimerTests<SqliteStorageFixture>(storage);

public sealed class AzuriteRealClockTimerTests(AzuriteStorageFixture storage) : RealClockTimerTests<AzuriteStorageFixture>(storage);
