namespace ServerlessGov.Domain.Sla;

/// <summary>Whether a deadline counts every minute or only working time on the calendar.</summary>
public enum SlaClockKind
{
    /// <summary>Wall-clock time: nights, weekends and holidays count (urgent items).</summary>
    Elapsed,

    /// <summary>Working time on the working-day calendar (and business hours, where configured).</summary>
    WorkingTime,
}
