using System.Globalization;
using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>
/// The period a decision pays: a calendar month (<c>2026-11</c>) for monthly policies, the calendar year
/// (<c>2026</c>) for per-event policies, and <c>once</c> (evaluated over the calendar year) for one-off policies. Its
/// name is part of the case id and the payout key, so it must never depend on the policy version.
/// </summary>
public sealed record PolicyPeriod(string Name, BusinessDate Start, BusinessDate End)
{
    /// <summary>The name of a one-off policy's only period.</summary>
    public const string Once = "once";

    /// <summary>The period of <paramref name="policy"/> that contains <paramref name="date"/> (its dates: <see cref="PaymentSchedule.PeriodContaining(BusinessDate)"/>).</summary>
    public static PolicyPeriod For(PolicyDocument policy, BusinessDate date)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var (start, end) = policy.Schedule.PeriodContaining(date);
        return policy.Schedule.Kind switch
        {
            ScheduleKind.Monthly => Month(date),
            ScheduleKind.PerEvent => new PolicyPeriod(date.Year.ToString(CultureInfo.InvariantCulture), start, end),
            _ => new PolicyPeriod(Once, start, end),
        };
    }

    /// <summary>The calendar month containing <paramref name="date"/>.</summary>
    public static PolicyPeriod Month(BusinessDate date)
    {
        var start = new BusinessDate(date.Year, date.Month, 1);
        return new PolicyPeriod(start.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture), start, start.AddMonths(1).AddDays(-1));
    }

    /// <summary>The month named <c>yyyy-MM</c>.</summary>
    /// <exception cref="FormatException">The name is not a month.</exception>
    public static PolicyPeriod ParseMonth(string name) => Month(BusinessDate.Parse(name + "-01"));

    /// <summary>
    /// The days of this period a decision pays: its own count when the amount was prorated by day (an 80th birthday
    /// on the 15th), else every day of the period.
    /// </summary>
    public int DaysPaid(int? eligibleDays) => eligibleDays ?? (End.Date.DayNumber - Start.Date.DayNumber + 1);

    /// <summary>This period clipped to the policy's effective window (null when they do not overlap).</summary>
    public PolicyPeriod? Within(PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var start = Start < policy.EffectiveFrom ? policy.EffectiveFrom : Start;
        var end = policy.EffectiveUntil is { } until && until < End ? until : End;
        return end < start ? null : this with { Start = start, End = end };
    }
}
