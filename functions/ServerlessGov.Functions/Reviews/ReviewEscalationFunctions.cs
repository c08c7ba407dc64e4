using Microsoft.Azure.Functions.Worker;

namespace ServerlessGov.Functions.Reviews;

/// <summary>What moves a review along when no one acts: the escalation queue's handler and the sweep that catches what a timer missed.</summary>
public sealed class ReviewEscalationFunctions(ReviewEscalationHandler handler, ReviewSweep sweep)
{
    /// <summary>One escalation from <see cref="ReviewEscalation.QueueName"/>: re-checks the item and notifies (deduplicated where it lands).</summary>
    [Function("OnReviewEscalation")]
    public Task HandleAsync([QueueTrigger(ReviewEscalation.QueueName)] ReviewEscalation escalation, CancellationToken cancellationToken) =>
        handler.HandleAsync(escalation, cancellationToken);

    /// <summary>Every five minutes: queues each rung that is due and not yet sent.</summary>
    [Function("SweepReviewDeadlines")]
    public Task SweepAsync([TimerTrigger(ReviewSweep.Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return sweep.RunAsync(timer.IsPastDue, cancellationToken);
    }
}
