using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Policies.DryRun;

/// <summary>
/// The period a dry-run decides: the period a run would pay (<see cref="PolicyDocument.PeriodOn"/>: the calendar month
/// of a monthly policy, the calendar year of a one-off or per-event one, clipped to the effective window) on the first
/// day on which the policy is in force from today on (today, or the start of its effective window if that is later).
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
        return policy.PeriodOn(day)!.Value;
    }
}
