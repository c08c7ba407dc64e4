using ServerlessGov.Durable.History;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Durable.Tests.Engine;

/// <summary>Bounded history: ContinueAsNew starts clean generations (keeping unprocessed events), and a cap fails runaway executions.</summary>
public abstract class ContinueAsNewTests<TFixture>(TFixture storage) : IClassFixture<TFixture>
    where TFixture : class, IStorageAdapterFixture
{
    [Fact]
    public async Task ContinueAsNew_TwentyGenerations_EndsWithFinalValueAndOnlyLastHistory()
    {
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddActivityFunc<int, int>("Inc", (_, n) => n + 1)
            .AddOrchestratorFunc<int, int>("Counter", async (ctx, n) =>
            {
                var next = await ctx.CallActivityAsync<int>("Inc", n);
                if (next < 20)
                {
                    ctx.ContinueAsNew(next);
                }

                return next;
            }));

        var done = await host.RunAsync("Counter", 0);

        Assert.Equal(20, done.ReadOutputAs<int>());
        var snapshot = await host.Store.LoadAsync(done.InstanceId, CancellationToken.None);
        Assert.Single(snapshot.History.OfType<ExecutionStartedEvent>());
        Assert.True(snapshot.History.Count < 10, $"history holds {snapshot.History.Count} events");
        Assert.Empty(snapshot.StaleRows);
    }

    [Fact]
    public async Task ContinueAsNew_UnprocessedEvent_CarriedIntoNextGeneration()
    {
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddOrchestratorFunc<int, string>("TwoStage", async (ctx, stage) =>
            {
                if (stage == 1)
                {
                    await ctx.WaitForExternalEvent<string>("first");
                    ctx.ContinueAsNew(2, preserveUnprocessedEvents: true);
                    return "continued";
                }

                return await ctx.WaitForExternalEvent<string>("second");
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TwoStage", 1);
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        await host.Client.RaiseEventAsync(id, "second", "kept");
        await Task.Delay(300);
        await host.Client.RaiseEventAsync(id, "first", "go");

        Assert.Equal("kept", (await host.WaitAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task HistoryCap_ExecutionRecordsTooManyEvents_FailsWithClearError()
    {
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddActivityFunc<int, int>("Id", (_, n) => n)
            .AddOrchestratorFunc<string?, int>("Runaway", async (ctx, _) =>
            {
                var total = 0;
                for (var i = 0; i < 100; i++)
                {
                    total += await ctx.CallActivityAsync<int>("Id", i);
                }

                return total;
            }), options => options.MaxHistoryEventsPerGeneration = 40);

        var done = await host.RunAsync("Runaway");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal("HistoryLimitExceeded", done.FailureDetails!.ErrorType);
        Assert.Contains("more than 40 history events", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("ContinueAsNew", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }
}

public sealed class SqliteContinueAsNewTests(SqliteStorageFixture storage) : ContinueAsNewTests<SqliteStorageFixture>(storage);

public sealed class AzuriteContinueAsNewTests(AzuriteStorageFixture storage) : ContinueAsNewTests<AzuriteStorageFixture>(storage);
