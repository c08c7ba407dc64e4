using ServerlessGov.Durable.Engine;
using ServerlessGov.Durable.History;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Durable.Tests.Engine;

/// <summary>
/// The outbox path, taken on stores that cannot send messages in the commit's transaction (Azure Storage, or SQLite
/// through the plain ports): a crash after the commit but before the outbox is sent and deleted loses nothing.
/// </summary>
public abstract class OutboxReliabilityTests<TFixture>(TFixture storage) : IClassFixture<TFixture>
    where TFixture : class, IStorageAdapterFixture
{
    private int _activityRuns;

    [Theory]
    [InlineData(nameof(EngineStep.OutboxSent))]
    [InlineData(nameof(EngineStep.OutboxDeleted))]
    public async Task CrashBetweenOutboxSteps_AnyStep_InstanceEndsWithRightOutputAndConsistentState(string stepName)
    {
        var step = Enum.Parse<EngineStep>(stepName);
        var faults = new FaultInjector((at, hit) => at == step && hit is 2 or 5);
        await using var host = await DurableTestHost.StartAsync(storage, r => r
            .AddActivityFunc<int, int>("Double", (_, n) =>
            {
                Interlocked.Increment(ref _activityRuns);
                return n * 2;
            })
            .AddOrchestratorFunc<int, int>("Chain", async (ctx, n) =>
            {
                for (var i = 0; i < 5; i++)
                {
                    n = await ctx.CallActivityAsync<int>("Double", n);
                }

                return n;
            }), faults: faults);

        var done = await host.RunAsync("Chain", 1, timeout: TimeSpan.FromSeconds(60));

        Assert.Equal(2, faults.Injected);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(32, done.ReadOutputAs<int>());
        var snapshot = await host.Store.LoadAsync(done.InstanceId, CancellationToken.None);
        Assert.Empty(snapshot.PendingOutbox);
        Assert.Equal(5, snapshot.History.OfType<TaskCompletedEvent>().Count());
        Assert.True(_activityRuns >= 5);
    }
}

public sealed class SqliteOutboxReliabilityTests(SqliteOutboxStorageFixture storage) : OutboxReliabilityTests<SqliteOutboxStorageFixture>(storage);

public sealed class AzuriteOutboxReliabilityTests(AzuriteStorageFixture storage) : OutboxReliabilityTests<AzuriteStorageFixture>(storage);
