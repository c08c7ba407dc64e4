using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Durable.Tests.Engine;

/// <summary>The client: idempotent starts, scheduled starts, suspend/resume/terminate, purge and query.</summary>
public abstract class ClientTests<TFixture>(TFixture storage) : IClassFixture<TFixture>
    where TFixture : class, IStorageAdapterFixture
{
    private int _payments;

    private void Register(DurableTaskRegistry r) => r
        .AddActivityFunc<int, int>("Pay", (_, amount) =>
        {
            Interlocked.Increment(ref _payments);
            return amount;
        })
        .AddOrchestratorFunc<int, int>("PayOnce", (ctx, amount) => ctx.CallActivityAsync<int>("Pay", amount))
        .AddOrchestratorFunc<int, int>("PayAfterApproval", async (ctx, amount) =>
        {
            await ctx.WaitForExternalEvent<bool>("approved");
            return await ctx.CallActivityAsync<int>("Pay", amount);
        });

    [Fact]
    public async Task Start_SameIdWhileRunning_ThrowsAlreadyExistsAndPaysOnce()
    {
        await using var host = await DurableTestHost.StartAsync(storage, Register);
        var id = "case-" + Guid.NewGuid().ToString("N");

        await host.Client.ScheduleNewOrchestrationInstanceAsync("PayAfterApproval", 100, new StartOrchestrationOptions(id));
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        await Assert.ThrowsAsync<DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("PayAfterApproval", 999, new StartOrchestrationOptions(id)));
        await host.Client.RaiseEventAsync(id, "approved", true);

        Assert.Equal(100, (await host.WaitAsync(id)).ReadOutputAs<int>());
        Assert.Equal(1, _payments);
    }

    [Fact]
    public async Task Start_ManyConcurrentStartsOfOneId_RunOneInstanceAndOneStartSucceeds()
    {
        await using var host = await DurableTestHost.StartAsync(storage, Register);
        var id = "case-" + Guid.NewGuid().ToString("N");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            try
            {
                await host.Client.ScheduleNewOrchestrationInstanceAsync("PayAfterApproval", 7, new StartOrchestrationOptions(id));
                return true;
            }
            catch (DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
            {
                return false;
            }
        }));

        // The instance waits for its approval until every start has answered, so each start met a live instance (a
        // finished one may be replaced by a later start, as Durable Functions allows unless dedupe statuses say not).
        await host.Client.RaiseEventAsync(id, "approved", true);
        Assert.Equal(7, (await host.WaitAsync(id)).ReadOutputAs<int>());
        await Task.Delay(500);
        Assert.Equal(1, _payments);
        Assert.Equal(1, outcomes.Count(started => started));
    }

    [Fact]
    public async Task Start_SameIdAfterCompletion_WithTerminalDedupeStatuses_ThrowsAndKeepsTheCase()
    {
        await using var host = await DurableTestHost.StartAsync(storage, Register);
        var id = "case-" + Guid.NewGuid().ToString("N");
        await host.RunAsync("PayOnce", 5, id);

        await Assert.ThrowsAsync<DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("PayOnce", 6,
            new StartOrchestrationOptions(id).WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses])));
        await Task.Delay(500);

        var instance = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(5, instance!.ReadOutputAs<int>());
        Assert.Equal(1, _payments);
    }

    [Fact]
    public async Task Start_SameIdAfterCompletion_WithoutDedupeStatuses_RestartsIt()
    {
        await using var host = await DurableTestHost.StartAsync(storage, Register);
        var id = "case-" + Guid.NewGuid().ToString("N");
        await host.RunAsync("PayOnce", 5, id);

        await host.Client.ScheduleNewOrchestrationInstanceAsync("PayOnce", 6,
            new StartOrchestrationOptions(id));
        await host.WaitForAsync(id, instance => instance.IsCompleted && instance.ReadOutputAs<int>() == 6);

        Assert.Equal(6, (await host.WaitAsync(id)).ReadOutputAs<int>());
        Assert.Equal(2, _payments);
    }

    [Fact]
    public async Task Suspend_EventArrivesWhileSuspended_WaitsForResume()
    {
        await using var host = await DurableTestHost.StartAsync(storage, Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("PayAfterApproval", 3);
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        await host.Client.SuspendInstanceAsync(id, "audit");
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(id, "approved", true);
        await Task.Delay(500);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.RuntimeStatus);
        Assert.Equal(0, _payments);

        await host.Client.ResumeInstanceAsync(id);
        Assert.Equal(3, (await host.WaitAsync(id)).ReadOutputAs<int>());
    }

    [Fact]
    public async Task Terminate_WaitingInstance_EndsTerminatedWithReasonAndNeverPays()
    {
        await using var host = await DurableTestHost.StartAsync(storage, Register);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("PayAfterApproval", 3);
        await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        await host.Client.TerminateInstanceAsync(id, "withdrawn");
        var done = await host.WaitAsync(id);
        await host.Client.RaiseEventAsync(id, "approved", true);
        await Task.Delay(300);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("withdrawn", done.ReadOutputAs<string>());
        Assert.Equal(0, _payments);
    }

    [Fact]
    public async Task Purge_CompletedInstance_RemovesItButLeavesRunningOnes()
    {
        await using var host = await DurableTestHost.StartAsync(storage, Register);
        var done = await host.RunAsync("PayOnce", 1);
        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync("PayAfterApproval", 2);
        await host.WaitForStatusAsync(waiting, OrchestrationRuntimeStatus.Running);

        Assert.Equal(1, (await host.Client.PurgeInstanceAsync(done.InstanceId)).PurgedInstanceCount);
        Assert.Equal(0, (await host.Client.PurgeInstanceAsync(waiting)).PurgedInstanceCount);

        Assert.Null(await host.Client.GetInstanceAsync(done.InstanceId, getInputsAndOutputs: true));
        Assert.NotNull(await host.Client.GetInstanceAsync(waiting, getInputsAndOutputs: true));
        var snapshot = await host.Store.LoadAsync(done.InstanceId, CancellationToken.None);
        Assert.Null(snapshot.Row);
        Assert.Empty(snapshot.StaleRows);
    }

    [Fact]
    public async Task PurgeAll_TerminalInstances_RemovesOnlyThose()
    {
        await using var host = await DurableTestHost.StartAsync(storage, Register);
        for (var i = 0; i < 3; i++)
        {
            await host.RunAsync("PayOnce", i);
        }

        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync("PayAfterApproval", 2);
        await host.WaitForStatusAsync(waiting, OrchestrationRuntimeStatus.Running);

        var purged = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter());

        Assert.Equal(3, purged.PurgedInstanceCount);
        var left = await host.Client.GetAllInstancesAsync().ToListAsync();
        Assert.Equal(waiting, Assert.Single(left).InstanceId);
    }

    [Fact]
    public async Task Query_ByStatusPrefixAndCreatedRange_PagesThroughMatches()
    {
        await using var host = await DurableTestHost.StartAsync(storage, Register);
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var i = 0; i < 5; i++)
        {
            await host.RunAsync("PayOnce", i, $"region-a-{i}");
        }

        await host.RunAsync("PayOnce", 9, "region-b-0");
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("PayAfterApproval", 1, new StartOrchestrationOptions("region-a-running"));
        await host.WaitForStatusAsync(running, OrchestrationRuntimeStatus.Running);

        var ids = new List<string>();
        var pages = 0;
        var query = new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Completed],
            CreatedFrom = before,
            CreatedTo = DateTimeOffset.UtcNow.AddMinutes(1),
            InstanceIdPrefix = "region-a-",
            PageSize = 2,
        };
        await foreach (var page in host.Client.GetAllInstancesAsync(query).AsPages())
        {
            ids.AddRange(page.Values.Select(x => x.InstanceId));
            pages++;
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"region-a-{i}"), ids.Order());
        Assert.True(pages >= 3);
        Assert.Empty(await host.Client.GetAllInstancesAsync(new OrchestrationQuery { CreatedTo = before }).ToListAsync());
    }

    [Fact]
    public async Task GetInstance_UnknownId_ReturnsNull()
    {
        await using var host = await DurableTestHost.StartAsync(storage, Register);

        Assert.Null(await host.Client.GetInstanceAsync("nobody", getInputsAndOutputs: true));
    }
}

public sealed class SqliteClientTests(SqliteStorageFixture storage) : ClientTests<SqliteStorageFixture>(storage);

public sealed class AzuriteClientTests(AzuriteStorageFixture storage) : ClientTests<AzuriteStorageFixture>(storage);
