namespace ServerlessGov.Durable.Engine;

/// <summary>
/// Runs an orchestrator's continuations one at a time on the thread that replays it, so the order of its steps
/// depends only on the order of history events, never on thread scheduling.
/// </summary>
internal sealed class ReplaySynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _work = new();

    public override void Post(SendOrPostCallback d, object? state) => _work.Enqueue((d, state));

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Orchestrator code cannot block on another context.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs queued continuations, including those they queue, until none is left.</summary>
    public void RunPending()
    {
        while (_work.TryDequeue(out var item))
        {
            item.Callback(item.State);
        }
    }
}
