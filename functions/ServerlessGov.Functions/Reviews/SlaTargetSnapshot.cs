using ServerlessGov.Domain.Sla;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// One deadline's plan as stored on an item: the target fixed when it opened (so a later configuration change never
/// moves the deadlines of items in flight), and, after a supervisor changed the priority, the instant the new target
/// counts from and the plan's number (which names its ladder steps apart from the earlier plan's).
/// </summary>
/// <param name="Duration">The time allowed.</param>
/// <param name="Clock">Which clock counts it.</param>
/// <param name="From">The instant the target counts from; null: the item's opening.</param>
/// <param name="Plan">0 for the plan the item opened with, then 1, 2, … for each re-plan.</param>
public sealed record SlaTargetSnapshot(TimeSpan Duration, SlaClockKind Clock, DateTimeOffset? From = null, int Plan = 0)
{
    /// <summary>The domain target.</summary>
    public SlaTarget ToTarget() => new(Duration, Clock);

    /// <summary>Snapshots a domain target counted from the item's opening.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    public static SlaTargetSnapshot Of(SlaTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new(target.Duration, target.Clock);
    }
}
