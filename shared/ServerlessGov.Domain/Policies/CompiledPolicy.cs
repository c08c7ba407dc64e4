using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Policies;

/// <summary>
/// A policy compiled for one evaluation date and period: the fast path decides every subject, and a proof and amount
/// are built only for matches and unknowns. A prorated monthly policy is also evaluated day by day (each day as a
/// one-day period) so payment starts on the day eligibility starts and the amount follows tier changes within the
/// month: the exact daily amounts are summed, divided by the days of the month, and rounded once.
/// </summary>
public sealed class CompiledPolicy
{
    private readonly CompiledRule _rule;
    private readonly (CompiledRule Rule, CompiledAmount Amount)[]? _days;

    /// <summary>Compiles a policy for a period; parameters take their values in force at the period start.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The period does not overlap the policy's effective window, or a prorated monthly policy is given a period that is not within one calendar month.</exception>
    public CompiledPolicy(PolicyDocument policy, DataDictionary dictionary, BusinessDate evaluationDate, BusinessDate periodStart, BusinessDate periodEnd)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(dictionary);
        if (periodEnd < policy.EffectiveFrom || (policy.EffectiveUntil is { } until && periodStart > until))
        {
            throw new ArgumentException($"Policy {policy.Id} {policy.Version} is not in force between {periodStart} and {periodEnd}.", nameof(periodStart));
        }

        Policy = policy;
        var parameters = policy.ParametersOn(periodStart);
        Context = new EvaluationContext(dictionary, evaluationDate, periodStart, periodEnd, parameters);
        _rule = RuleCompiler.Compile(policy.Rule, Context);
        if (policy.Schedule is { Kind: ScheduleKind.Monthly, Prorate: true })
        {
            if (periodStart.Year != periodEnd.Year || periodStart.Month != periodEnd.Month)
            {
                throw new ArgumentException("A prorated monthly policy is decided one calendar month at a time.", nameof(periodEnd));
            }

            // Days outside the effective window are never paid.
            _days = Enumerable.Range(0, periodEnd.Date.DayNumber - periodStart.Date.DayNumber + 1)
                .Select(periodStart.AddDays)
                .Where(policy.IsEffectiveOn)
                .Select(day =>
                {
                    var context = new EvaluationContext(dictionary, evaluationDate, day, day, parameters);
                    return (RuleCompiler.Compile(policy.Rule, context), new CompiledAmount(policy.Amount, context));
                })
                .ToArray();
        }
    }

    /// <summary>The policy.</summary>
    public PolicyDocument Policy { get; }

    /// <summary>The evaluation context.</summary>
    public EvaluationContext Context { get; }

    /// <summary>The outcome without proof.</summary>
    public Truth Evaluate(SubjectFacts facts) => _rule.Evaluate(facts);

    /// <summary>The full decision: proof, and the amount when the rule is satisfied.</summary>
    public PolicyDecision Decide(SubjectFacts facts)
    {
        var proof = _rule.Prove(facts);
        Money? amount = null;
        int? eligibleDays = null;
        IReadOnlyList<UnknownReason> amountReasons = [];
        var outcome = proof.Outcome;
        if (outcome == Truth.Satisfied)
        {
            if (_days is not null && Prorate(facts) is { } prorated)
            {
                (amount, eligibleDays) = prorated;
            }
            else
            {
                (amount, amountReasons) = AmountCalculator.Compute(Policy.Amount, facts, Context);
            }

            if (amount is null)
            {
                outcome = Truth.Unknown;
            }
        }

        return new PolicyDecision(Policy.Id, Policy.Version, Context.Dictionary.Version, Context.EvaluationDate, Context.PeriodStart, Context.PeriodEnd, outcome, proof, amount, amountReasons)
        {
            EligibleDays = eligibleDays,
        };
    }

    /// <summary>The decision when the subject matches or is unknown; null (no proof built) when not satisfied.</summary>
    public PolicyDecision? DecideIfRelevant(SubjectFacts facts) => Evaluate(facts) == Truth.NotSatisfied ? null : Decide(facts);

    // Null when a daily amount cannot be computed; the caller then computes the whole-period amount to get the reasons.
    private (Money Amount, int Days)? Prorate(SubjectFacts facts)
    {
        var total = 0m;
        var days = 0;
        foreach (var (rule, amount) in _days!)
        {
            if (rule.Evaluate(facts) != Truth.Satisfied)
            {
                continue;
            }

            if (amount.Evaluate(facts) is not { } daily || daily < 0)
            {
                return null;
            }

            total += daily;
            days++;
        }

        var daysInMonth = DateTime.DaysInMonth(Context.PeriodStart.Year, Context.PeriodStart.Month);
        return (Policy.Amount.Rounding.Apply(total / daysInMonth), days);
    }
}
