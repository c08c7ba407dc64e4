namespace ServerlessGov.Domain.Sla;

/// <summary>One promise of an SLA: a duration and the clock it is counted on.</summary>
public sealed record SlaTarget
{
    public SlaTarget(TimeSpan duration, SlaClockKind clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        Duration = duration;
        Clock = clock;
    }

    /// <summary>How long the promise allows.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Which clock counts it.</summary>
    public SlaClockKind Clock { get; }
}
