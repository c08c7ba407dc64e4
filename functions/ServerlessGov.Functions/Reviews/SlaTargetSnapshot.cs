using ServerlessGov.Domain.Sla;

namespace ServerlessGov.Functions.Reviews;

/// <summary>An SLA target as stored on an item when it opens, so a later configuration change never moves the deadlines of items in flight.</summary>
public sealed record SlaTargetSnapshot(TimeSpan Duration, SlaClockKind Clock)
{
    /// <summary>The domain target.</summary>
    public SlaTarget ToTarget() => new(Duration, Clock);

    /// <summary>Snapshots a domain target.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    public static SlaTargetSnapshot From(SlaTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new(target.Duration, target.Clock);
    }
}
