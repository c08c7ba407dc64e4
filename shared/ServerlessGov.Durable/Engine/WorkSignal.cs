namespace ServerlessGov.Durable.Engine;

/// <summary>
/// Wakes idle dispatchers at once when work is enqueued in the same process, instead of waiting out their poll
/// back-off. A broadcast with a version number, so a signal sent while a dispatcher was polling is not lost.
/// </summary>
internal sealed class WorkSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public void Set()
    {
        Interlocked.Increment(ref _version);
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Waits until a signal newer than <paramref name="seenVersion"/> or the timeout.</summary>
    public async Task WaitAsync(long seenVersion, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var next = Volatile.Read(ref _next).Task;
        if (Version != seenVersion)
        {
            return;
        }

        try
        {
            await next.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Nothing arrived in this process: poll storage again.
        }
    }
}
