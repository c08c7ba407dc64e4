using System.Text.Json;
using Microsoft.Extensions.Logging;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// The safety net under the orchestration's timers: every five minutes, every open item's reached but un-notified
/// ladder steps are queued on <see cref="ReviewEscalation.QueueName"/> (a step the timers already queued is
/// deduplicated where the notification lands).
/// </summary>
public sealed class ReviewSweep
{
    /// <summary>The timer schedule (NCRONTAB): every five minutes.</summary>
    public const string Schedule = "0 */5 * * * *";

    private readonly ReviewWorklist _worklist;
    private readonly ReviewLadder _ladder;
    private readonly IQueueStore _queues;
    private readonly TimeProvider _time;
    private readonly ILogger<ReviewSweep> _logger;
    private int _queueCreated;

    public ReviewSweep(ReviewWorklist worklist, ReviewLadder ladder, IQueueStore queues, TimeProvider time, ILogger<ReviewSweep> logger)
    {
        ArgumentNullException.ThrowIfNull(worklist);
        ArgumentNullException.ThrowIfNull(ladder);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _worklist = worklist;
        _ladder = ladder;
        _queues = queues;
        _time = time;
        _logger = logger;
    }

    /// <summary>Queues every due, un-notified step of every open item; returns how many were queued.</summary>
    /// <exception cref="Storage.StorageException">The store failed.</exception>
    public async Task<int> RunAsync(bool isPastDue = false, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var items = 0;
        var queued = 0;
        await foreach (var item in _worklist.AllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item.State == ReviewState.Decided)
            {
                continue;
            }

            items++;
            foreach (var step in _ladder.Pending(item, now))
            {
                await SendAsync(new ReviewEscalation(item.Id, step.Deadline, step.Level), cancellationToken).ConfigureAwait(false);
                queued++;
            }
        }

        Log.Swept(_logger, isPastDue ? " (past due)" : "", items, queued);
        return queued;
    }

    /// <summary>Puts one escalation on the queue (also used by the orchestration's activity).</summary>
    /// <exception cref="Storage.StorageException">The store failed.</exception>
    public async Task SendAsync(ReviewEscalation escalation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        var queue = _queues.GetQueue(ReviewEscalation.QueueName);
        if (Volatile.Read(ref _queueCreated) == 0)
        {
            await queue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _queueCreated, 1);
        }

        await queue.SendAsync(BinaryData.FromString(JsonSerializer.Serialize(escalation, ReviewJson.Escalation)), cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
