using System.Diagnostics;
using ServerlessGov.Durable.Differential.Tests.Backends;
using ServerlessGov.Testing.Logging;
using NonDeterministicOrchestrationException = DurableTask.Core.Exceptions.NonDeterministicOrchestrationException;
using OrchestrationAlreadyExistsException = DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException;

namespace ServerlessGov.Durable.Differential.Tests;

/// <summary>
/// The same orchestrations, unchanged, on each backend, asserting what a user observes: outputs, failures and their
/// details, custom status, runtime status, timers, buffered events, sub-orchestrations, retries, ContinueAsNew,
/// terminate / suspend / resume, replay-safe logging, non-determinism, dedupe, queries and purge. An expectation that
/// holds on every backend is written once; where the embedded engine differs from DurableTask.Core, the test says so
/// through <see cref="DurableBackend.IsRealEngine"/>, and docs/DURABLE.md lists the difference.
/// </summary>
public abstract class DifferentialTests<TBackend>(TBackend backend) : IClassFixture<TBackend>, IDisposable
    where TBackend : DurableBackend
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly CollectingLoggerProvider _logs = new(DiffOrchestrations.LogCategory);

    [Fact]
    public async Task Sequence_ThreeActivities_OutputAndFinalCustomStatus()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Hello", new[] { "Tokyo", "Seattle", "London" });

        var done = await WaitAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("Hello Tokyo! Hello Seattle! Hello London!", done.ReadOutputAs<string>());
        Assert.Equal("""{"greeted":3}""", done.SerializedCustomStatus);
        Assert.Equal("Hello", done.Name);
        Assert.Null(done.FailureDetails);
    }

    [Fact]
    public async Task ActivityFailure_Unhandled_FailsWithTaskFailedExceptionAndTheActivitysErrorInside()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Divider", 0);

        var done = await WaitAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var failure = done.FailureDetails!;
        Assert.Equal(typeof(TaskFailedException).FullName, failure.ErrorType);
        Assert.Equal("Task 'Divide' (#0) failed with an unhandled exception: Attempted to divide by zero.", failure.ErrorMessage);
        Assert.Equal(typeof(DivideByZeroException).FullName, failure.InnerFailure!.ErrorType);
        Assert.Equal("Attempted to divide by zero.", failure.InnerFailure.ErrorMessage);
        Assert.Contains("DiffOrchestrations", failure.InnerFailure.StackTrace, StringComparison.Ordinal);
        // Difference (docs/DURABLE.md): DurableTask.AzureStorage also writes the failure's summary as the output.
        Assert.Equal(backend.IsRealEngine ? $"{failure.ErrorType}: {failure.ErrorMessage}" : null, done.SerializedOutput);
    }

    [Fact]
    public async Task ActivityFailure_Caught_TheExceptionNamesTaskIdAndTheActivitysError()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("CatchingDivider", 0);

        var done = await WaitAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(
            "Divide|0|System.DivideByZeroException|Attempted to divide by zero.|Task 'Divide' (#0) failed with an unhandled exception: Attempted to divide by zero.",
            done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Retry_TwoFailuresThenSuccess_RunsThreeTimesAndReturns()
    {
        await using var host = await StartAsync();
        var key = Key();
        var started = Stopwatch.StartNew();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retrying", key);

        var done = await WaitAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, done.ReadOutputAs<int>());
        Assert.Equal(3, DiffOrchestrations.Calls[key]);
        // Difference (docs/DURABLE.md): the retry waits are durable timers, which DurableTask.AzureStorage may fire up
        // to a second early (a queue's visibility delay is whole seconds): its two 1 s waits can take no time at all.
        if (!backend.IsRealEngine)
        {
            Assert.True(started.Elapsed >= TimeSpan.FromSeconds(2), $"two 1 s retry waits took {started.Elapsed}");
        }
    }

    [Fact]
    public async Task Retry_Exhausted_FailsWithTheLastAttemptsError()
    {
        await using var host = await StartAsync();
        var key = Key();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("RetryExhausted", key);

        var done = await WaitAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(2, DiffOrchestrations.Calls[key]);
        Assert.Equal(typeof(TaskFailedException).FullName, done.FailureDetails!.ErrorType);
        Assert.Equal(typeof(InvalidOperationException).FullName, done.FailureDetails.InnerFailure!.ErrorType);
        Assert.Equal($"call 2 of {key} failed", done.FailureDetails.InnerFailure.ErrorMessage);
        // The last attempt's task id: attempt, timer, attempt. DurableTask.Core adds an immediate timer after the
        // last failed attempt (kept for replay compatibility), which does not change the id the failure names.
        Assert.Equal($"Task 'AlwaysFails' (#2) failed with an unhandled exception: call 2 of {key} failed", done.FailureDetails.ErrorMessage);
    }

    [Fact]
    public async Task Retry_FailureThePolicyDoesNotHandle_IsNotRetried()
    {
        await using var host = await StartAsync();
        var key = Key();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("RetryNotHandled", key);

        var done = await WaitAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(1, DiffOrchestrations.Calls[key]);
        Assert.Equal(typeof(ArgumentException).FullName, done.FailureDetails!.InnerFailure!.ErrorType);
    }

    [Fact]
    public async Task CustomStatus_SetBeforeEachWait_IsSeenInOrderAndTheLastStays()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("StatusSteps");

        await WaitForStatusAsync(host, id, "\"started\"");
        await host.Client.RaiseEventAsync(id, "first", 1);
        await WaitForStatusAsync(host, id, "\"middle\"");
        await host.Client.RaiseEventAsync(id, "second", 2);
        var done = await WaitAsync(host, id);

        Assert.Equal("finished", done.ReadOutputAs<string>());
        Assert.Equal("\"done\"", done.SerializedCustomStatus);
    }

    [Fact]
    public async Task Timer_TwoSeconds_NeverFiresEarly()
    {
        await using var host = await StartAsync();
        var started = Stopwatch.StartNew();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", 2000);

        var done = await WaitAsync(host, id);

        // Difference (docs/DURABLE.md): the embedded engine checks a timer's due time when its message arrives and
        // re-arms an early one; DurableTask.AzureStorage relies on the queue's visibility delay, which is whole seconds,
        // so on it a timer fires up to a second early.
        var due = backend.IsRealEngine ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(2);
        Assert.True(started.Elapsed >= due, $"completed after {started.Elapsed}");
        Assert.True(done.ReadOutputAs<double>() >= due.TotalMilliseconds, $"the orchestration's clock moved {done.ReadOutputAs<double>()} ms");
    }

    [Fact]
    public async Task ExternalEvents_RaisedBeforeTheWait_AreBufferedAndHandedOutInOrder()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Buffered", 1500);
        await host.Client.WaitForInstanceStartAsync(id);

        await host.Client.RaiseEventAsync(id, "item", 1);
        await host.Client.RaiseEventAsync(id, "item", 2);
        var done = await WaitAsync(host, id);

        Assert.Equal([1, 2], done.ReadOutputAs<int[]>()!);
    }

    [Fact]
    public async Task ExternalEvent_NotRaisedWithinTheTimeout_TheWaitIsCancelled()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Impatient");

        var done = await WaitAsync(host, id);

        Assert.Equal("gave up: TaskCanceledException", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SubOrchestrations_ResultAndFailure_ReachTheParent()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", null, new StartOrchestrationOptions("parent-" + Key()));

        var done = await WaitAsync(host, id);

        Assert.Equal("42|FailingChild|System.InvalidOperationException|the child broke", done.ReadOutputAs<string>());
        var child = await host.Client.GetInstanceAsync(id + "-child", getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child!.RuntimeStatus);
        Assert.Equal(42, child.ReadOutputAs<int>());
        var failed = await host.Client.GetInstanceAsync(id + "-child-failing", getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed!.RuntimeStatus);
        Assert.Equal(typeof(InvalidOperationException).FullName, failed.FailureDetails!.ErrorType);
    }

    [Fact]
    public async Task ContinueAsNew_EventsRaisedTogether_CarryOverToTheNextGenerations()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Accumulate", new List<int>());
        await WaitForStatusAsync(host, id, "\"first generation\"");

        foreach (var value in new[] { 1, 2, 3 })
        {
            await host.Client.RaiseEventAsync(id, "item", value);
        }

        var done = await WaitAsync(host, id);

        Assert.Equal([1, 2, 3], done.ReadOutputAs<List<int>>());
        // Difference (docs/DURABLE.md): SetCustomStatus(null) reads back as the JSON text "null" on DurableTask.Core,
        // and as no custom status on the embedded engine.
        Assert.Equal(backend.IsRealEngine ? "null" : null, done.SerializedCustomStatus);
    }

    [Fact]
    public async Task Terminate_WaitingInstance_EndsTerminatedWithTheReasonAsOutput()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForGo");
        await host.Client.WaitForInstanceStartAsync(id);

        await host.Client.TerminateInstanceAsync(id, "no longer needed");
        var done = await WaitAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("no longer needed", done.ReadOutputAs<string>());
        Assert.Null(done.FailureDetails);
    }

    [Fact]
    public async Task SuspendAndResume_EventWhileSuspended_IsKeptAndDeliveredOnResume()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForGo");
        await host.Client.WaitForInstanceStartAsync(id);

        await host.Client.SuspendInstanceAsync(id, "checking");
        await WaitForRuntimeStatusAsync(host, id, OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(id, "go", 21);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        await host.Client.ResumeInstanceAsync(id, "checked");
        var done = await WaitAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(42, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task ReplaySafeLogger_ThreeEpisodesOfReplay_WritesEachLineOnce()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chatty");

        await WaitAsync(host, id);

        var lines = _logs.Lines.Where(l => l.EndsWith(id, StringComparison.Ordinal)).ToList();
        Assert.Equal([$"step 0 of {id}", $"step 1 of {id}", $"step 2 of {id}", $"done {id}"], lines);
    }

    [Fact]
    public async Task NonDeterminism_CodeChangedUnderARunningInstance_FailsNamingIt()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Drifting");
        await WaitForStatusAsync(host, id, "\"waiting\"");

        DiffOrchestrations.Changed[id] = true;
        await host.Client.RaiseEventAsync(id, "go", 1);
        var done = await WaitAsync(host, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, done.FailureDetails!.ErrorType);
    }

    [Fact]
    public async Task Start_IdOfARunningInstanceWithEveryStatusDeduped_RefusesAndLeavesItRunning()
    {
        await using var host = await StartAsync();
        var id = "once-" + Key();
        await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForGo", null, new StartOrchestrationOptions(id));
        await host.Client.WaitForInstanceStartAsync(id);

        var all = new StartOrchestrationOptions(id).WithDedupeStatuses(Enum.GetValues<OrchestrationRuntimeStatus>());
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForGo", null, all));
        await host.Client.RaiseEventAsync(id, "go", 5);

        Assert.Equal(10, (await WaitAsync(host, id)).ReadOutputAs<int>());
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForGo", null, all));
    }

    [Fact]
    public async Task QueryAndPurge_ByPrefixInPagesOfTwo_FindsEveryInstanceThenPurgesOne()
    {
        await using var host = await StartAsync();
        var prefix = "q" + Key() + "-";
        foreach (var i in Enumerable.Range(0, 3))
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync("Child", i, new StartOrchestrationOptions(prefix + i));
        }

        foreach (var i in Enumerable.Range(0, 3))
        {
            await WaitAsync(host, prefix + i);
        }

        var pages = new List<int>();
        var ids = new List<string>();
        await foreach (var page in host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 2 }).AsPages())
        {
            pages.Add(page.Values.Count);
            ids.AddRange(page.Values.Select(v => v.InstanceId));
        }

        Assert.Equal([prefix + 0, prefix + 1, prefix + 2], ids.Order());
        Assert.All(pages, size => Assert.True(size <= 2));
        Assert.Equal(1, (await host.Client.PurgeInstanceAsync(prefix + 1)).PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(prefix + 1));
        Assert.Equal(0, (await host.Client.PurgeInstanceAsync(prefix + 1)).PurgedInstanceCount);
    }

    public void Dispose()
    {
        _logs.Dispose();
        GC.SuppressFinalize(this);
    }

    private static string Key() => Guid.NewGuid().ToString("N")[..12];

    private Task<BackendHost> StartAsync() => backend.StartAsync(DiffOrchestrations.Register, _logs);

    private static async Task<OrchestrationMetadata> WaitAsync(BackendHost host, string id)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }

    private static Task WaitForStatusAsync(BackendHost host, string id, string customStatus) =>
        WaitUntilAsync(host, id, i => i.SerializedCustomStatus == customStatus, $"custom status {customStatus}");

    private static Task WaitForRuntimeStatusAsync(BackendHost host, string id, OrchestrationRuntimeStatus status) =>
        WaitUntilAsync(host, id, i => i.RuntimeStatus == status, status.ToString());

    private static async Task WaitUntilAsync(BackendHost host, string id, Func<OrchestrationMetadata, bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Patience)
        {
            if (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true) is { } instance && condition(instance))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{id} never reached {what}.");
    }
}

public sealed class EmbeddedSqliteDifferentialTests(EmbeddedSqliteBackend backend) : DifferentialTests<EmbeddedSqliteBackend>(backend);

public sealed class EmbeddedAzuriteDifferentialTests(EmbeddedAzuriteBackend backend) : DifferentialTests<EmbeddedAzuriteBackend>(backend);

public sealed class DurableTaskCoreDifferentialTests(CoreEngineBackend backend) : DifferentialTests<CoreEngineBackend>(backend);
