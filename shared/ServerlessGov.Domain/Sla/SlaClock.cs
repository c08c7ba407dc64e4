using ServerlessGov.Domain.Calendar;

namespace ServerlessGov.Domain.Sla;

/// <summary>
/// Turns an SLA target into instants: when 50%, 75% and 100% of it are used up, given when the clock started and
/// the pauses while the item waited for the resident. Every escalation timer and sweep asks this one place.
/// </summary>
public sealed class SlaClock
{
    private readonly WorkingCalendar _calendar;

    public SlaClock(WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        _calendar = calendar;
    }

    /// <summary>
    /// The instant at which <paramref name="level"/> of <paramref name="target"/> has been used, counting from
    /// <paramref name="start"/> and skipping <paramref name="pauses"/>; null while an open pause holds the clock
    /// before that instant.
    /// </summary>
    public DateTimeOffset? DueAt(DateTimeOffset start, SlaTarget target, EscalationLevel level, IReadOnlyList<SlaPause>? pauses = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var remaining = TimeSpan.FromTicks(target.Duration.Ticks * (int)level / 100);
        var cursor = start;
        foreach (var pause in Ordered(pauses))
        {
            if (pause.From >= cursor)
            {
                var reached = Add(cursor, remaining, target.Clock);
                if (reached <= pause.From)
                {
                    return reached;
                }

                remaining -= Between(cursor, pause.From, target.Clock);
            }

            if (pause.Until is not { } until)
            {
                return null;
            }

            if (until > cursor)
            {
                cursor = until;
            }
        }

        return Add(cursor, remaining, target.Clock);
    }

    /// <summary>The share of <paramref name="target"/> used by <paramref name="now"/> (1.0 = due; above 1 = overdue).</summary>
    public double UsedShare(DateTimeOffset start, SlaTarget target, DateTimeOffset now, IReadOnlyList<SlaPause>? pauses = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var used = Between(start, now, target.Clock);
        foreach (var pause in Ordered(pauses))
        {
            var from = pause.From > start ? pause.From : start;
            var until = pause.Until is { } u && u < now ? u : now;
            used -= Between(from, until, target.Clock);
        }

        return used.Ticks / (double)target.Duration.Ticks;
    }

    /// <summary>The highest rung reached by <paramref name="now"/>, or null before the first.</summary>
    public EscalationLevel? LevelAt(DateTimeOffset start, SlaTarget target, DateTimeOffset now, IReadOnlyList<SlaPause>? pauses = null)
    {
        EscalationLevel? reached = null;
        foreach (var level in Enum.GetValues<EscalationLevel>())
        {
            if (DueAt(start, target, level, pauses) is { } due && due <= now)
            {
                reached = level;
            }
        }

        return reached;
    }

    private static IEnumerable<SlaPause> Ordered(IReadOnlyList<SlaPause>? pauses) =>
        (pauses ?? []).OrderBy(p => p.From);

    private DateTimeOffset Add(DateTimeOffset from, TimeSpan time, SlaClockKind clock) =>
        clock == SlaClockKind.Elapsed ? (from + time).ToUniversalTime() : _calendar.AddWorkingTime(from, time);

    private TimeSpan Between(DateTimeOffset from, DateTimeOffset to, SlaClockKind clock) =>
        to <= from ? TimeSpan.Zero
        : clock == SlaClockKind.Elapsed ? to - from
        : _calendar.WorkingTimeBetween(from, to);
}
