using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Policies.DryRun;

/// <summary>
/// The period a dry-run decides: the first day on which the policy is in force, from today on (today, or the start of
/// its effective window if that is later); for a monthly policy the whole calendar month of that day.
/// </summary>
internal static class DryRunPeriod
{
    /// <exception cref="PolicyValidationException">The policy's effective window ended before today.</exception>
    public static (BusinessDate Start, BusinessDate End) For(PolicyDocument policy, BusinessDate today)
    {
        if (policy.EffectiveUntil is { } until && until < today)
        {
            throw new PolicyValidationException([new PolicyValidationError("$.effective.until", $"the policy ended on {until}, before today ({today}): there is nothing to dry-run")]);
        }

        var day = policy.EffectiveFrom > today ? policy.EffectiveFrom : today;
        if (policy.Schedule.Kind != ScheduleKind.Monthly)
        {
            return (day, day);
        }

        var start = new BusinessDate(day.Year, day.Month, 1);
        return (start, start.AddMonths(1).AddDays(-1));
    }
}
