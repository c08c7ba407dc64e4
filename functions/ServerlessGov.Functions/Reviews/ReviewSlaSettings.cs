using ServerlessGov.Domain.Sla;

namespace ServerlessGov.Functions.Reviews;

/// <summary>Configured targets for one priority of one policy.</summary>
public sealed class ReviewSlaSettings
{
    /// <summary>Time allowed to sign and assign.</summary>
    public TimeSpan Sign { get; set; }

    /// <summary>Time allowed to decide.</summary>
    public TimeSpan Close { get; set; }

    /// <summary>Which clock counts both (working time by default).</summary>
    public SlaClockKind Clock { get; set; } = SlaClockKind.WorkingTime;
}
