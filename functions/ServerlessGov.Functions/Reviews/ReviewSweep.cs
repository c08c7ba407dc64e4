using Microsoft.Extensions.Logging;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// The safety net under the orchestration's timers: every five minutes, every open item's reached but un-notified
/// ladder steps, and every missed deadline whose breach was not notified yet (a decided item's too), are queued on
/// <see cref="ReviewEscalation.QueueName"/> (a step the timers or an action already queued is deduplicated where the
/// notification lands).
/// </summary>
public sealed class ReviewSweep
{
    /// <summary>The timer schedule (NCRONTAB): every five minutes.</summary>
    public const string Schedule = "0 */5 * * * *";

    private readonly ReviewWorklist _worklist;
    private readonly ReviewLadder _ladder;
    private readonly EscalationQueue _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<ReviewSweep> _logger;

    public ReviewSweep(ReviewWorklist worklist, ReviewLadder ladder, EscalationQueue queue, TimeProvider time, ILogger<ReviewSweep> logger)
    {
        ArgumentNullException.ThrowIfNull(worklist);
        ArgumentNullException.ThrowIfNull(ladder);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _worklist = worklist;
        _ladder = ladder;
        _queue = queue;
        _time = time;
        _logger = logger;
    }

    /// <summary>Queues every due, un-notified step of every item; returns how many were queued.</summary>
    /// <exception cref="Storage.StorageException">The store failed.</exception>
    public async Task<int> RunAsync(bool isPastDue = false, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var items = 0;
        var queued = 0;
        await foreach (var item in _worklist.AllAsync(cancellationToken).ConfigureAwait(false))
        {
            items += item.State == ReviewState.Decided ? 0 : 1;
            foreach (var step in _ladder.Pending(item, now))
            {
                await _queue.SendAsync(new ReviewEscalation(item.Id, step.Deadline, step.Level), cancellationToken).ConfigureAwait(false);
                queued++;
            }
        }

        Log.Swept(_logger, isPastDue ? " (past due)" : "", items, queued);
        return queued;
    }
}
