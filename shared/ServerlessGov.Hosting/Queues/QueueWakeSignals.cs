using System.Collections.Concurrent;

namespace ServerlessGov.Hosting.Queues;

/// <summary>
/// Wakes an idle queue listener of this process when a message is sent to its queue through the host's
/// <see cref="Storage.Queues.IQueueStore"/>, so in-process hand-offs do not wait out the polling backoff.
/// </summary>
internal sealed class QueueWakeSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);

    /// <summary>Completes when a message is next sent to <paramref name="queueName"/>.</summary>
    public Task WaitAsync(string queueName) => Current(queueName).Task;

    /// <summary>A message was sent to <paramref name="queueName"/>: wake whoever waits for it.</summary>
    public void Signal(string queueName)
    {
        if (_signals.TryRemove(queueName, out var signal))
        {
            signal.TrySetResult();
        }
    }

    private TaskCompletionSource Current(string queueName) =>
        _signals.GetOrAdd(queueName, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
