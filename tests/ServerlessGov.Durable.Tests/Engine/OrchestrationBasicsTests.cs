using System.Collections.Concurrent;
using Microsoft.DurableTask.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Logging;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Durable.Tests.Engine;

/// <summary>The programming model end to end: activities, sequences, failures and retries, fan-out, sub-orchestrations, GUIDs, custom status.</summary>
public abstract partial class OrchestrationBasicsTests<TFixture>(TFixture storage) : IClassFixture<TFixture>
    where TFixture : class, IStorageAdapterFixture
{
    [Fact]
    public async Task Sequence_FiveActivities_CompletesWithConcatenatedOutput()
    {
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddActivityFunc<string, string>("SayHello", (_, city) => $"Hello {city}")
            .AddOrchestratorFunc<string?, List<string>>("HelloCities", async (ctx, _) =>
            {
                var results = new List<string>();
                foreach (var city in new[] { "Beijing", "Shanghai", "Guangzhou", "Shenzhen", "Hangzhou" })
                {
                    results.Add(await ctx.CallActivityAsync<string>("SayHello", city));
                }

                return results;
            }));

        var done = await host.RunAsync("HelloCities");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(["Hello Beijing", "Hello Shanghai", "Hello Guangzhou", "Hello Shenzhen", "Hello Hangzhou"], done.ReadOutputAs<List<string>>());
        Assert.True(done.LastUpdatedAt >= done.CreatedAt);
    }

    [Fact]
    public async Task Entities_RegisteredOrReachedFromAnOrchestration_AreRefusedNamingThem()
    {
        var registering = Assert.Throws<NotSupportedException>(() => new ServiceCollection().AddDurableTask(r => r.AddEntity<Counter>()));
        Assert.Contains("entity 'Counter'", registering.Message, StringComparison.Ordinal);
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddOrchestratorFunc<string?, string>("UsesEntities", (ctx, _) => Task.FromResult(ctx.Entities.ToString()!)));

        var done = await host.RunAsync("UsesEntities");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(NotSupportedException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("Durable entities are not supported", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypedClasses_OrchestratorAndActivity_RunByTypeName()
    {
        await using var host = await DurableTestHost.StartAsync(storage, r => r.AddOrchestrator<DoublingOrchestrator>().AddActivity<DoubleActivity>());

        var done = await host.RunAsync(nameof(DoublingOrchestrator), 21);

        Assert.Equal(42, done.ReadOutputAs<int>());
        Assert.Equal(21, done.ReadInputAs<int>());
    }

    [Fact]
    public async Task ActivityFailure_Unhandled_FailsInstanceWithInnerDetails()
    {
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddActivityFunc<int, int>("Divide", (_, n) => 10 / n)
            .AddOrchestratorFunc<int, int>("Divider", (ctx, n) => ctx.CallActivityAsync<int>("Divide", n)));

        var done = await host.RunAsync("Divider", 0);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("Divide", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(typeof(DivideByZeroException).FullName, done.FailureDetails.InnerFailure!.ErrorType);
        Assert.True(done.FailureDetails.InnerFailure.IsCausedBy<DivideByZeroException>());
    }

    [Fact]
    public async Task ActivityFailure_Caught_OrchestratorReadsFailureDetails()
    {
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddActivityFunc<string, string>("Reject", string (_, why) => throw new InvalidOperationException(why))
            .AddOrchestratorFunc<string, string>("Catcher", async (ctx, why) =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>("Reject", why);
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.FailureDetails.ErrorType}|{ex.FailureDetails.ErrorMessage}|{ex.TaskName}";
                }
            }));

        var done = await host.RunAsync("Catcher", "no data");

        Assert.Equal($"{typeof(InvalidOperationException).FullName}|no data|Reject", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Retry_FailsTwiceThenSucceeds_CompletesOnThirdAttempt()
    {
        var attempts = 0;
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddActivityFunc<string?, int>("Flaky", (_, _) => Interlocked.Increment(ref attempts) < 3 ? throw new TimeoutException("busy") : attempts)
            .AddOrchestratorFunc<string?, int>("Retrying", (ctx, _) =>
                ctx.CallActivityAsync<int>("Flaky", null, new TaskOptions(new RetryPolicy(5, TimeSpan.FromMilliseconds(200), 1.5)))));

        var done = await host.RunAsync("Retrying");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Retry_PredicateRejectsFailure_FailsAfterOneAttempt()
    {
        var attempts = 0;
        var policy = new RetryPolicy(5, TimeSpan.FromMilliseconds(100)) { HandleFailure = f => !f.IsCausedBy<ArgumentException>() };
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddActivityFunc<string?, int>("Invalid", int (_, _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new ArgumentException("bad input");
            })
            .AddOrchestratorFunc<string?, int>("NoRetry", (ctx, _) => ctx.CallActivityAsync<int>("Invalid", null, new TaskOptions(policy))));

        var done = await host.RunAsync("NoRetry");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task FanOut_150Activities_WhenAllGathersEveryResult()
    {
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddActivityFunc<int, int>("Square", (_, n) => n * n)
            .AddOrchestratorFunc<int, long>("FanOut", async (ctx, count) =>
            {
                var tasks = Enumerable.Range(1, count).Select(i => ctx.CallActivityAsync<int>("Square", i)).ToList();
                var results = await Task.WhenAll(tasks);
                return results.Sum(x => (long)x);
            }));

        var done = await host.RunAsync("FanOut", 150, timeout: TimeSpan.FromSeconds(60));

        Assert.Equal(Enumerable.Range(1, 150).Sum(i => (long)i * i), done.ReadOutputAs<long>());
    }

    [Fact]
    public async Task WhenAny_FirstOfTwoActivities_ReturnsWinnerAndCompletes()
    {
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddActivityFunc<string, string>("Echo", (_, s) => s)
            .AddOrchestratorFunc<string?, string>("Race", async (ctx, _) =>
            {
                var a = ctx.CallActivityAsync<string>("Echo", "a");
                var b = ctx.CallActivityAsync<string>("Echo", "b");
                var first = await Task.WhenAny(a, b);
                await Task.WhenAll(a, b);
                return first == a || first == b ? "ok" : "neither";
            }));

        var done = await host.RunAsync("Race");

        Assert.Equal("ok", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SubOrchestration_WithInstanceId_ReturnsChildOutputAndChildIsQueryable()
    {
        var childId = "child-" + Guid.NewGuid().ToString("N");
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddActivityFunc<int, int>("Inc", (_, n) => n + 1)
            .AddOrchestratorFunc<int, int>("Child", (ctx, n) => ctx.CallActivityAsync<int>("Inc", n))
            .AddOrchestratorFunc<string, int>("Parent", async (ctx, id) =>
                await ctx.CallSubOrchestratorAsync<int>("Child", 41, new SubOrchestrationOptions { InstanceId = id }) * 2));

        var done = await host.RunAsync("Parent", childId);

        Assert.Equal(84, done.ReadOutputAs<int>());
        var child = await host.Client.GetInstanceAsync(childId, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child!.RuntimeStatus);
        Assert.Equal(42, child.ReadOutputAs<int>());
    }

    [Fact]
    public async Task SubOrchestration_ChildFails_ParentSeesTaskFailedException()
    {
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddOrchestratorFunc<string?, int>("BadChild", (Func<TaskOrchestrationContext, string?, Task<int>>)((_, _) => throw new InvalidOperationException("child broke")))
            .AddOrchestratorFunc<string?, string>("Guardian", async (ctx, _) =>
            {
                try
                {
                    await ctx.CallSubOrchestratorAsync<int>("BadChild");
                    return "no error";
                }
                catch (TaskFailedException ex)
                {
                    return ex.FailureDetails.ErrorMessage;
                }
            }));

        var done = await host.RunAsync("Guardian");

        Assert.Equal("child broke", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SubOrchestration_IdUsedByAnotherInstance_ParentCallFailsInsteadOfWaiting()
    {
        var takenId = "taken-" + Guid.NewGuid().ToString("N");
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddOrchestratorFunc<string?, string>("Occupant", async (ctx, _) => await ctx.WaitForExternalEvent<string>("never"))
            .AddOrchestratorFunc<string, string>("Claimant", async (ctx, id) =>
            {
                try
                {
                    return await ctx.CallSubOrchestratorAsync<string>("Occupant", null, new SubOrchestrationOptions { InstanceId = id });
                }
                catch (TaskFailedException ex)
                {
                    return ex.FailureDetails.ErrorType;
                }
            }));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Occupant", null, new StartOrchestrationOptions(takenId));
        await host.WaitForStatusAsync(takenId, OrchestrationRuntimeStatus.Running);

        var done = await host.RunAsync("Claimant", takenId);

        Assert.Equal("InstanceIdInUse", done.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(takenId, getInputsAndOutputs: true))!.RuntimeStatus);
    }

    [Fact]
    public async Task NewGuid_AcrossReplays_IsTheSameValue()
    {
        var seenByActivity = new ConcurrentBag<Guid>();
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddActivityFunc<Guid, bool>("Record", (_, g) =>
            {
                seenByActivity.Add(g);
                return true;
            })
            .AddOrchestratorFunc<string?, Guid[]>("Guids", async (ctx, _) =>
            {
                var first = ctx.NewGuid();
                await ctx.CallActivityAsync<bool>("Record", first);
                var second = ctx.NewGuid();
                await ctx.CallActivityAsync<bool>("Record", second);
                return [first, second];
            }));

        var done = await host.RunAsync("Guids");

        var guids = done.ReadOutputAs<Guid[]>()!;
        Assert.NotEqual(guids[0], guids[1]);
        Assert.Equal(guids.OrderBy(g => g), seenByActivity.OrderBy(g => g));
        Assert.Equal(5, guids[0].Version);
    }

    [Fact]
    public async Task CustomStatus_SetWhileWaiting_IsVisibleToClient()
    {
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddOrchestratorFunc<string?, string>("Reporter", async (ctx, _) =>
            {
                ctx.SetCustomStatus(new { stage = "awaiting-review" });
                return await ctx.WaitForExternalEvent<string>("review");
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Reporter");

        var running = await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        for (var i = 0; i < 100 && running.SerializedCustomStatus is null; i++)
        {
            await Task.Delay(20);
            running = (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!;
        }

        Assert.Equal("""{"stage":"awaiting-review"}""", running.SerializedCustomStatus);
        await host.Client.RaiseEventAsync(id, "review", "approved");
        Assert.Equal("approved", (await host.WaitAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task ReplaySafeLogger_ManyReplays_WritesEachLineOnce()
    {
        var logs = new CollectingLoggerProvider("Payments");
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddActivityFunc<int, int>("Id", (_, n) => n)
            .AddOrchestratorFunc<string?, bool>("Logging", async (ctx, _) =>
            {
                var log = ctx.CreateReplaySafeLogger("Payments");
                for (var i = 0; i < 4; i++)
                {
                    StepLog(log, i);
                    await ctx.CallActivityAsync<int>("Id", i);
                }

                return true;
            }), loggerProvider: logs);

        await host.RunAsync("Logging");

        Assert.Equal(["step 0", "step 1", "step 2", "step 3"], logs.Lines);
    }

    [LoggerMessage(1, LogLevel.Information, "step {Step}")]
    private static partial void StepLog(ILogger logger, int step);

    public sealed class Counter : TaskEntity<int>
    {
        public void Add(int amount) => State += amount;
    }

    public sealed class DoublingOrchestrator : TaskOrchestrator<int, int>
    {
        public override Task<int> RunAsync(TaskOrchestrationContext context, int input) => context.CallActivityAsync<int>(nameof(DoubleActivity), input);
    }

    public sealed class DoubleActivity : TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input * 2);
    }
}

public sealed class SqliteOrchestrationBasicsTests(SqliteStorageFixture storage) : OrchestrationBasicsTests<SqliteStorageFixture>(storage);

public sealed class AzuriteOrchestrationBasicsTests(AzuriteStorageFixture storage) : OrchestrationBasicsTests<AzuriteStorageFixture>(storage);
