using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Durable.Tests.Engine;

/// <summary>External events: early ones are buffered, late ones resume the instance, names ignore case, waits can time out.</summary>
public abstract class ExternalEventTests<TFixture>(TFixture storage) : IClassFixture<TFixture>
    where TFixture : class, IStorageAdapterFixture
{
    private static void Register(DurableTaskRegistry r) => r
        .AddActivityFunc<string?, string>("Slow", async (_, _) =>
        {
            await Task.Delay(300);
            return "slow";
        })
        .AddOrchestratorFunc<string?, string>("AfterWork", async (ctx, _) =>
        {
            await ctx.CallActivityAsync<string>("Slow");
            var first = await ctx.WaitForExternalEvent<string>("Approval");
            var second = await ctx.WaitForExternalEvent<string>("approval");
            return first + "+" + second;
        })
        .AddOrchestratorFunc<string?, string>("Waiter", async (ctx, _) => await ctx.WaitForExternalEvent<string>("Go"))
        .AddOrchestratorFunc<int, string>("Deadline", async (ctx, seconds) =>
        {
            try
            {
                return await ctx.WaitForExternalEvent<string>("Answer", TimeSpan.FromSeconds(seconds));
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        });

    [Fact]
    public async Task EarlyEvents_RaisedBeforeWait_AreBufferedInOrder()
    {
        await using var host = await DurableTestHost.StartAsync(storage, Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("AfterWork");

        await host.Client.RaiseEventAsync(id, "APPROVAL", "one");
        await Task.Delay(50);
        await host.Client.RaiseEventAsync(id, "Approval", "two");

        Assert.Equal("one+two", (await host.WaitAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task LateEvent_InstanceWaiting_Resumes()
    {
        await using var host = await DurableTestHost.StartAsync(storage, Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        await Task.Delay(200);

        await host.Client.RaiseEventAsync(id, "go", "went");

        Assert.Equal("went", (await host.WaitAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task EventBeforeStart_InstanceStillPending_IsDelivered()
    {
        await using var host = await DurableTestHost.StartAsync(storage, Register, startWorker: false);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await host.Client.RaiseEventAsync(id, "Go", "early bird");
        await host.Worker.StartAsync(CancellationToken.None);

        Assert.Equal("early bird", (await host.WaitAsync(id)).ReadOutputAs<string>());
        await host.Worker.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task WaitWithTimeout_NoEvent_TimesOut()
    {
        await using var host = await DurableTestHost.StartAsync(storage, Register);

        var done = await host.RunAsync("Deadline", 1);

        Assert.Equal("timed out", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitWithTimeout_EventInTime_ReturnsIt()
    {
        await using var host = await DurableTestHost.StartAsync(storage, Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Deadline", 60);
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        await host.Client.RaiseEventAsync(id, "answer", "yes");

        Assert.Equal("yes", (await host.WaitAsync(id)).ReadOutputAs<string>());
    }
}

public sealed class SqliteExternalEventTests(SqliteStorageFixture storage) : ExternalEventTests<SqliteStorageFixture>(storage);

public sealed class AzuriteExternalEventTests(AzuriteStorageFixture storage) : ExternalEventTests<AzuriteStorageFixture>(storage);
