using System.Text.Json;
using ServerlessGov.Durable.Engine;
using ServerlessGov.Durable.History;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Durable.Tests.Engine;

/// <summary>
/// What must hold when things go wrong: crashes between any two steps, redelivered messages, two workers racing for
/// one instance, changed code, poison messages and shutdown in the middle of work.
/// </summary>
public abstract class ReliabilityTests<TFixture>(TFixture storage) : IClassFixture<TFixture>
    where TFixture : class, IStorageAdapterFixture
{
    private static readonly string[] Cities = ["Beijing", "Shanghai", "Guangzhou", "Shenzhen", "Hangzhou"];

    private int _activityRuns;

    private void RegisterHello(DurableTaskRegistry r) => r
        .AddActivityFunc<string, string>("SayHello", (_, city) =>
        {
            Interlocked.Increment(ref _activityRuns);
            return $"Hello {city}";
        })
        .AddOrchestratorFunc<string?, string>("HelloCities", async (ctx, _) =>
        {
            var parts = new List<string>();
            foreach (var city in Cities)
            {
                parts.Add(await ctx.CallActivityAsync<string>("SayHello", city));
            }

            return string.Join(", ", parts);
        });

    [Theory]
    [InlineData(nameof(EngineStep.Loaded))]
    [InlineData(nameof(EngineStep.Executed))]
    [InlineData(nameof(EngineStep.Committed))]
    [InlineData(nameof(EngineStep.MessagesDeleted))]
    [InlineData(nameof(EngineStep.ActivityExecuted))]
    [InlineData(nameof(EngineStep.ActivityResultSent))]
    public async Task CrashBetweenSteps_AnyStep_InstanceEndsWithRightOutputAndConsistentState(string stepName)
    {
        var step = Enum.Parse<EngineStep>(stepName);
        var faults = new FaultInjector((at, hit) => at == step && hit is 2 or 5);
        await using var host = await DurableTestHost.StartAsync(storage, RegisterHello, faults: faults);

        var done = await host.RunAsync("HelloCities");

        Assert.Equal(2, faults.Injected);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("Hello Beijing, Hello Shanghai, Hello Guangzhou, Hello Shenzhen, Hello Hangzhou", done.ReadOutputAs<string>());
        var snapshot = await host.Store.LoadAsync(done.InstanceId, CancellationToken.None);
        Assert.Single(snapshot.History.OfType<ExecutionCompletedEvent>());
        Assert.Equal(5, snapshot.History.OfType<TaskScheduledEvent>().Count());
        Assert.Equal(5, snapshot.History.OfType<TaskCompletedEvent>().Select(e => e.TaskId).Distinct().Count());
        Assert.Equal(5, snapshot.History.OfType<TaskCompletedEvent>().Count());
        Assert.True(_activityRuns >= 5);
    }

    [Fact]
    public async Task DuplicateEventMessage_DeliveredTwice_TakesEffectOnce()
    {
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddOrchestratorFunc<string?, string>("CountEvents", async (ctx, _) =>
            {
                var first = await ctx.WaitForExternalEvent<string>("deposit");
                try
                {
                    var second = await ctx.WaitForExternalEvent<string>("deposit", TimeSpan.FromSeconds(1));
                    return first + "+" + second;
                }
                catch (TaskCanceledException)
                {
                    return first + " only";
                }
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CountEvents");
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        var message = new DurableMessage("same-message-id", id, null, new EventRaisedEvent("deposit", JsonSerializer.Serialize("100"), "same-message-id"));
        await host.Store.SendAsync(new OutboxEntry(false, null, message), CancellationToken.None);
        await host.Store.SendAsync(new OutboxEntry(false, null, message), CancellationToken.None);

        Assert.Equal("100 only", (await host.WaitAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task TwoWorkers_SameInstanceAtOnce_OnlyOneCommitsAndTheOtherRetries()
    {
        var payments = 0;
        void Register(DurableTaskRegistry r) => r
            .AddActivityFunc<int, int>("Pay", (_, amount) =>
            {
                Interlocked.Increment(ref payments);
                return amount;
            })
            .AddOrchestratorFunc<int, int>("PayOnApproval", async (ctx, amount) =>
            {
                await ctx.WaitForExternalEvent<bool>("approved");
                return await ctx.CallActivityAsync<int>("Pay", amount);
            });

        var hub = DurableTestHost.NewHubName();
        var paused = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var holder = new BlockingInjector(EngineStep.Executed, paused, release.Task);
        // One episode at a time: while the paused episode holds the slot, this worker stops receiving, so the event
        // below can only reach the other worker.
        await using var slow = await DurableTestHost.StartAsync(storage, Register, o => o.MaxConcurrentOrchestrations = 1, hubName: hub, faults: holder);
        var id = await slow.Client.ScheduleNewOrchestrationInstanceAsync("PayOnApproval", 250);
        await paused.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await using var fast = await DurableTestHost.StartAsync(storage, Register, hubName: hub);
        await fast.Client.RaiseEventAsync(id, "approved", true);
        await fast.WaitForAsync(id, instance => instance.RuntimeStatus != OrchestrationRuntimeStatus.Pending);
        release.SetResult();

        var done = await fast.WaitAsync(id);
        Assert.Equal(250, done.ReadOutputAs<int>());
        // The winner is done: stop it, so the message the loser defers (below) can come back only to the loser. While
        // both ran, the winner could take that message and the loser would never get to replay.
        await fast.StopAsync();
        // The loser notices the lost commit only when its message comes back, which can be after the winner finished:
        // it defers while the winner's outbox row is young and polls at up to MaxPollingInterval, so under load this
        // takes up to the outbox takeover age plus a poll or two.
        var reloadBy = DateTime.UtcNow + DurableStore.OutboxTakeoverAge + TimeSpan.FromSeconds(30);
        while (holder.Hits < 2 && DateTime.UtcNow < reloadBy)
        {
            await Task.Delay(100);
        }

        Assert.True(holder.Hits >= 2, "the paused worker must have reloaded after losing the commit");
        var snapshot = await slow.Store.LoadAsync(id, CancellationToken.None);
        Assert.Single(snapshot.History.OfType<ExecutionStartedEvent>());
        Assert.Single(snapshot.History.OfType<TaskScheduledEvent>());
        Assert.Single(snapshot.History.OfType<TaskCompletedEvent>());

        // The loser never sends an outbox the winner may still be sending, so the payment ran once.
        Assert.Equal(1, payments);
    }

    [Fact]
    public async Task NonDeterminism_CodeChangedUnderRunningInstance_FailsNamingStepAndActions()
    {
        var changed = false;
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddActivityFunc<string?, string>("CheckIncome", (_, _) => "ok")
            .AddActivityFunc<string?, string>("CheckAssets", (_, _) => "ok")
            .AddOrchestratorFunc<string?, string>("Eligibility", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<string>(Volatile.Read(ref changed) ? "CheckAssets" : "CheckIncome");
                return await ctx.WaitForExternalEvent<string>("decision");
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Eligibility");
        var snapshot = await host.Store.LoadAsync(id, CancellationToken.None);
        for (var i = 0; i < 200 && !snapshot.History.OfType<TaskCompletedEvent>().Any(); i++)
        {
            await Task.Delay(20);
            snapshot = await host.Store.LoadAsync(id, CancellationToken.None);
        }

        Volatile.Write(ref changed, true);
        await host.Client.RaiseEventAsync(id, "decision", "approve");
        var done = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(DurableTask.Core.Exceptions.NonDeterministicOrchestrationException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("'Eligibility'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("step 0", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("CallActivity 'CheckIncome'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("CallActivity 'CheckAssets'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PoisonActivity_CrashesEveryAttempt_SetAsideWithReasonAndInstanceFailed()
    {
        var faults = new FaultInjector((at, _) => at == EngineStep.ActivityExecuted);
        await using var host = await DurableTestHost.StartAsync(storage, RegisterHello, options => options.MaxDequeueCount = 3, faults: faults);

        var done = await host.RunAsync("HelloCities");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal("PoisonMessage", done.FailureDetails!.ErrorType);
        Assert.Contains("after 3 attempts", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(3, faults.Injected);
        var poison = await host.Store.PoisonQueueFor(host.Store.WorkItems).PeekAsync(32);
        var record = Assert.Single(poison);
        Assert.Contains("Injected crash at ActivityExecuted", record.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PoisonControlMessage_EpisodeFailsEveryAttempt_SetAsideWithReasonAndInstanceFailed()
    {
        var armed = false;
        var failures = 0;
        var faults = new FaultInjector((at, _) =>
            at == EngineStep.Executed && Volatile.Read(ref armed) && Interlocked.Increment(ref failures) <= 3);
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddOrchestratorFunc<string?, string>("AwaitDecision", (ctx, _) => ctx.WaitForExternalEvent<string>("decision")),
            options => options.MaxDequeueCount = 3, faults: faults);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("AwaitDecision");
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        Volatile.Write(ref armed, true);
        await host.Client.RaiseEventAsync(id, "decision", "approve");
        var done = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal("PoisonMessage", done.FailureDetails!.ErrorType);
        Assert.Contains("(EventRaised)", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("after 3 attempts", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Injected crash at Executed", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        var poison = await host.Store.PoisonQueueFor(host.Store.ControlQueueFor(id)).PeekAsync(32);
        var record = Assert.Single(poison);
        Assert.Contains("Injected crash at Executed", record.Body.ToString(), StringComparison.Ordinal);
        Assert.Contains("decision", record.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdleWorker_WorkEnqueuedInSameProcess_WakesWithoutWaitingOutItsPollInterval()
    {
        // Polls an idle store once a minute at most, so only the in-process wake-up can finish this in time.
        await using var host = await DurableTestHost.StartAsync(storage, RegisterHello, options =>
        {
            options.MinPollingInterval = TimeSpan.FromMinutes(1);
            options.MaxPollingInterval = TimeSpan.FromMinutes(2);
        });
        await Task.Delay(500);

        var done = await host.RunAsync("HelloCities", timeout: TimeSpan.FromSeconds(40));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
    }

    [Fact]
    public async Task Shutdown_ActivityInFlight_FinishesWithinGraceAndIsNotRunAgain()
    {
        var started = new TaskCompletionSource();
        var runs = 0;
        void Register(DurableTaskRegistry r) => r
            .AddActivityFunc<string?, string>("Slow", async (_, _) =>
            {
                Interlocked.Increment(ref runs);
                started.TrySetResult();
                await Task.Delay(700);
                return "finished";
            })
            .AddOrchestratorFunc<string?, string>("SlowJob", (ctx, _) => ctx.CallActivityAsync<string>("Slow"));
        var hub = DurableTestHost.NewHubName();
        string id;
        await using (var first = await DurableTestHost.StartAsync(storage, Register, hubName: hub))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync("SlowJob");
            await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
            await first.StopAsync();
        }

        await using var second = await DurableTestHost.StartAsync(storage, Register, hubName: hub);
        Assert.Equal("finished", (await second.WaitAsync(id)).ReadOutputAs<string>());
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task Shutdown_ActivityOutlastsGrace_HandedBackAndRunByNextWorker()
    {
        var runs = 0;
        var started = new TaskCompletionSource();
        void Register(DurableTaskRegistry r) => r
            .AddActivity("Long", _ => new CancellableActivity(() =>
            {
                Interlocked.Increment(ref runs);
                started.TrySetResult();
            }))
            .AddOrchestratorFunc<string?, string>("LongJob", (ctx, _) => ctx.CallActivityAsync<string>("Long"));
        var hub = DurableTestHost.NewHubName();
        string id;
        await using (var first = await DurableTestHost.StartAsync(storage, Register, o => o.ShutdownGracePeriod = TimeSpan.FromMilliseconds(200), hubName: hub))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync("LongJob", "slow");
            await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
            await first.StopAsync();
        }

        await using var second = await DurableTestHost.StartAsync(storage, Register, hubName: hub);
        Assert.Equal("done", (await second.WaitAsync(id)).ReadOutputAs<string>());
        Assert.Equal(2, runs);
    }

    private sealed class CancellableActivity(Action onStart) : TaskActivity<string?, string>
    {
        private static int _calls;

        public override async Task<string> RunAsync(TaskActivityContext context, string? input)
        {
            var cancellationToken = ActivityShutdown.TokenOf(context);
            onStart();
            if (Interlocked.Increment(ref _calls) % 2 == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            }

            return "done";
        }
    }

    private sealed class BlockingInjector(EngineStep step, TaskCompletionSource paused, Task release) : IEngineFaultInjector
    {
        public int Hits;

        public async ValueTask OnStepAsync(EngineStep at, string instanceId)
        {
            if (at == step && Interlocked.Increment(ref Hits) == 1)
            {
                paused.TrySetResult();
                await release.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
    }
}

public sealed class SqliteReliabilityTests(SqliteStorageFixture storage) : ReliabilityTests<SqliteStorageFixture>(storage);

public sealed class AzuriteReliabilityTests(AzuriteStorageFixture storage) : ReliabilityTests<AzuriteStorageFixture>(storage);
