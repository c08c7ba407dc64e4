using Microsoft.Extensions.Logging;
using ServerlessGov.Durable.History;

namespace ServerlessGov.Durable;

/// <summary>
/// The engine's log lines, with stable event ids (7000–7099). Instance ids are never logged: the product derives them
/// from subjects, so they can identify a person.
/// </summary>
internal static partial class Logs
{
    [LoggerMessage(7000, LogLevel.Information, "Durable worker started on hub {Hub} with {Partitions} control queues.")]
    public static partial void WorkerStarted(ILogger logger, string hub, int partitions);

    [LoggerMessage(7001, LogLevel.Information, "Durable worker stopping; {InFlight} work items in flight.")]
    public static partial void WorkerStopping(ILogger logger, int inFlight);

    [LoggerMessage(7002, LogLevel.Warning, "Recovered an outbox of {Count} messages left by an interrupted episode.")]
    public static partial void OutboxRecovered(ILogger logger, int count);

    [LoggerMessage(7003, LogLevel.Debug, "Another worker committed first (attempt {Attempt}); reloading the instance.")]
    public static partial void CommitConflict(ILogger logger, int attempt);

    [LoggerMessage(7004, LogLevel.Information, "Orchestration {Name} ended {Status}.")]
    public static partial void InstanceFinished(ILogger logger, string name, InstanceStatus status);

    [LoggerMessage(7005, LogLevel.Warning, "Dropped {Count} messages for an instance that does not exist.")]
    public static partial void MessagesForUnknownInstance(ILogger logger, int count);

    [LoggerMessage(7006, LogLevel.Error, "An episode failed; its {Count} messages are handed back for retry.")]
    public static partial void EpisodeFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(7007, LogLevel.Error, "A message on {Queue} failed {DequeueCount} times and was set aside: {Reason}")]
    public static partial void MessageSetAside(ILogger logger, string queue, long dequeueCount, string reason);

    [LoggerMessage(7008, LogLevel.Error, "Activity {Name} could not be delivered; its message is handed back for retry.")]
    public static partial void ActivityDeliveryFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(7009, LogLevel.Error, "The {Dispatcher} dispatcher's poll failed; backing off.")]
    public static partial void PollFailed(ILogger logger, string dispatcher, Exception exception);

    [LoggerMessage(7010, LogLevel.Warning, "Episodes kept losing the commit race; {Count} messages re-queued.")]
    public static partial void EpisodeContended(ILogger logger, int count);

    [LoggerMessage(7011, LogLevel.Warning, "Could not hand a message back on {Queue}; it reappears after its visibility timeout.")]
    public static partial void HandBackFailed(ILogger logger, string queue, Exception exception);

    [LoggerMessage(7012, LogLevel.Debug, "A message arrived before its due time; re-armed for {Delay}.")]
    public static partial void MessageRearmed(ILogger logger, TimeSpan delay);

    [LoggerMessage(7013, LogLevel.Information, "Another worker's outbox of {Count} messages is younger than the takeover age; this episode looks again in {Delay}.")]
    public static partial void OutboxDeferred(ILogger logger, int count, TimeSpan delay);

    [LoggerMessage(7014, LogLevel.Warning, "The retry policy's failure predicate for '{Task}' threw; the task is not retried.")]
    public static partial void RetryPredicateFailed(ILogger logger, string task, Exception exception);
}
