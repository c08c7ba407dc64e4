using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Configuration;
using ServerlessGov.Hosting.Observability;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Hosting.Timers;

/// <summary>
/// Runs one timer-triggered function on the host that holds its storage lease. The schedule status is written
/// after each occurrence, so an occurrence no host ran (all down, or the holder died mid-run) runs once, late, with
/// <see cref="TimerInfo.IsPastDue"/>; the lease and the ETag-guarded status keep any occurrence from running twice
/// while hosts are healthy.
/// </summary>
internal sealed class TimerListener(
    TimerFunctionDefinition function,
    CronSchedule schedule,
    TimerStateStore store,
    SingletonSettings singleton,
    FunctionInvoker invoker,
    IServiceScopeFactory scopes,
    TimeProvider timeProvider,
    string hostId,
    ILogger logger)
{
    private bool _startupRunDone;

    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    if (await store.TryAcquireLeaseAsync(function.Name, hostId, singleton.ListenerLockPeriod, stopping).ConfigureAwait(false))
                    {
                        await HoldScheduleAsync(stopping, abort).ConfigureAwait(false);
                    }
                    else
                    {
                        await Task.Delay(singleton.ListenerLockRecoveryPollingInterval, timeProvider, stopping).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    Logs.TimerStorageFailed(logger, ex, function.Name);
                    await Task.Delay(singleton.ListenerLockRecoveryPollingInterval, timeProvider, stopping).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping while waiting to retry.
        }
        finally
        {
            await ReleaseQuietlyAsync().ConfigureAwait(false);
        }
    }

    private async Task HoldScheduleAsync(CancellationToken stopping, CancellationToken abort)
    {
        var now = timeProvider.GetUtcNow();
        var current = await store.GetStatusAsync(function.Name, stopping).ConfigureAwait(false);
        ETag etag;
        ScheduleStatus? previous;
        if (current is null)
        {
            previous = null;
            var created = await store.TrySetStatusAsync(function.Name, new ScheduleStatus(now, schedule.NextAfter(now), now), null, stopping).ConfigureAwait(false);
            if (created is null)
            {
                return;
            }

            etag = created.Value;
        }
        else
        {
            (previous, etag) = current.Value;
        }

        Logs.TimerLeaseAcquired(logger, function.Name, previous?.Next ?? schedule.NextAfter(now));
        if (previous is not null && previous.Next <= now)
        {
            Logs.TimerPastDue(logger, function.Name, previous.Next);
            var written = await RunOccurrenceAsync(previous.Next, isPastDue: true, previous, etag, abort).ConfigureAwait(false);
            if (written is null)
            {
                return;
            }

            (previous, etag) = written.Value;
        }

        if (function.RunOnStartup && !_startupRunDone)
        {
            _startupRunDone = true;
            await InvokeAsync(new TimerInfo { ScheduledTime = now, IsPastDue = false, ScheduleStatus = previous }, abort).ConfigureAwait(false);
        }

        var next = previous?.Next ?? schedule.NextAfter(now);
        while (true)
        {
            if (!await WaitHoldingLeaseAsync(next, stopping).ConfigureAwait(false))
            {
                Logs.TimerLeaseLost(logger, function.Name);
                return;
            }

            var written = await RunOccurrenceAsync(next, isPastDue: false, previous, etag, abort).ConfigureAwait(false);
            if (written is null)
            {
                return;
            }

            (previous, etag) = written.Value;
            next = previous.Next;
        }
    }

    /// <summary>Waits until <paramref name="due"/>, renewing the lease at a third of its period; false when it was lost.</summary>
    private async Task<bool> WaitHoldingLeaseAsync(DateTimeOffset due, CancellationToken stopping)
    {
        var renewEvery = singleton.ListenerLockPeriod / 3;
        while (true)
        {
            var remaining = due - timeProvider.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return true;
            }

            await Task.Delay(remaining < renewEvery ? remaining : renewEvery, timeProvider, stopping).ConfigureAwait(false);
            if (!await store.TryAcquireLeaseAsync(function.Name, hostId, singleton.ListenerLockPeriod, stopping).ConfigureAwait(false))
            {
                return false;
            }
        }
    }

    /// <summary>Runs one occurrence and records it; null when the status changed under us (another host took over).</summary>
    private async Task<(ScheduleStatus, ETag)?> RunOccurrenceAsync(DateTimeOffset occurrence, bool isPastDue, ScheduleStatus? previous, ETag etag, CancellationToken abort)
    {
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(abort);
        var renewal = RenewWhileRunningAsync(renewing.Token);
        try
        {
            await InvokeAsync(new TimerInfo { ScheduledTime = occurrence, IsPastDue = isPastDue, ScheduleStatus = previous }, abort).ConfigureAwait(false);
        }
        finally
        {
            await renewing.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
        }

        var now = timeProvider.GetUtcNow();
        var status = new ScheduleStatus(occurrence, schedule.NextAfter(now > occurrence ? now : occurrence), now);
        var written = await store.TrySetStatusAsync(function.Name, status, etag, CancellationToken.None).ConfigureAwait(false);
        return written is { } newTag ? (status, newTag) : null;
    }

    private async Task RenewWhileRunningAsync(CancellationToken cancellationToken)
    {
        var renewEvery = singleton.ListenerLockPeriod / 3;
        try
        {
            while (true)
            {
                await Task.Delay(renewEvery, timeProvider, cancellationToken).ConfigureAwait(false);
                if (!await store.TryAcquireLeaseAsync(function.Name, hostId, singleton.ListenerLockPeriod, CancellationToken.None).ConfigureAwait(false))
                {
                    Logs.TimerLeaseLost(logger, function.Name);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The occurrence finished.
        }
    }

    private async Task InvokeAsync(TimerInfo info, CancellationToken abort)
    {
        try
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                await invoker.InvokeAsync(function.Name, TriggerKind.Timer, async (invocationId, cancellationToken) =>
                {
                    await function.Handler(info, new FunctionContext(function.Name, invocationId, scope.ServiceProvider), cancellationToken).ConfigureAwait(false);
                    return true;
                }, abort).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !abort.IsCancellationRequested)
        {
            // A failed timer run is logged and counted by the invoker; as in Azure, it is not retried.
        }
    }

    private async Task ReleaseQuietlyAsync()
    {
        try
        {
            await store.ReleaseLeaseAsync(function.Name, hostId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Logs.TimerStorageFailed(logger, ex, function.Name);
        }
    }
}
