using ServerlessGov.Domain.Sla;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// A message on <see cref="QueueName"/>: "this rung of this item's ladder may be due, notify". Sent by the review
/// orchestration's durable timers and by the sweep, so it can arrive several times; the handler re-checks the item
/// and the notifications are deduplicated where they land.
/// </summary>
public sealed record ReviewEscalation(string ItemId, ReviewDeadline Deadline, EscalationLevel Level)
{
    /// <summary>The queue escalations travel on.</summary>
    public const string QueueName = "review-escalations";
}
