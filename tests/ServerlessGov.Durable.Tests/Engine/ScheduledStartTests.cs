namespace ServerlessGov.Durable.Tests.Engine;

/// <summary>A start with a future StartAt stays Pending until the clock reaches it.</summary>
public sealed class ScheduledStartTests
{
    [Fact]
    public async Task StartAt_InThreeHours_StaysPendingUntilDue()
    {
        await using var storage = new TimedSqliteStorage();
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddOrchestratorFunc<string?, DateTime>("Later", (ctx, _) => Task.FromResult(ctx.CurrentUtcDateTime)), time: storage.Clock);
        var due = storage.Clock.GetUtcNow().AddHours(3);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Later", null, new StartOrchestrationOptions(StartAt: due));
        await Task.Delay(500);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.RuntimeStatus);

        storage.Clock.Advance(TimeSpan.FromHours(3));
        var done = await host.WaitAsync(id);
        Assert.True(done.ReadOutputAs<DateTime>() >= due.UtcDateTime);
    }
}
