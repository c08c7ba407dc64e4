using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Amounts;

/// <summary>A policy's schedule; monthly schedules may prorate a partial first or last month by days.</summary>
public sealed record PaymentSchedule(ScheduleKind Kind, bool Prorate)
{
    /// <summary>
    /// The period a decision on <paramref name="date"/> pays, which a rule reads as <c>period_start</c> and
    /// <c>period_end</c>: the calendar month for a monthly policy; the calendar year for a one-off policy (paid once,
    /// whenever in the year it is decided) and for a per-event policy (its events counted per year).
    /// </summary>
    public (BusinessDate Start, BusinessDate End) PeriodContaining(BusinessDate date)
    {
        if (Kind == ScheduleKind.Monthly)
        {
            var first = new BusinessDate(date.Year, date.Month, 1);
            return (first, first.AddMonths(1).AddDays(-1));
        }

        return (new BusinessDate(date.Year, 1, 1), new BusinessDate(date.Year, 12, 31));
    }

    /// <summary>The period containing <paramref name="date"/> clipped to an effective window; null when they do not overlap.</summary>
    public (BusinessDate Start, BusinessDate End)? PeriodContaining(BusinessDate date, BusinessDate effectiveFrom, BusinessDate? effectiveUntil)
    {
        var (start, end) = PeriodContaining(date);
        start = start < effectiveFrom ? effectiveFrom : start;
        end = effectiveUntil is { } until && until < end ? until : end;
        return end < start ? null : (start, end);
    }
}
