using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Amounts;

/// <summary>Computes a policy's amount for one period in exact decimal arithmetic, then applies its rounding rule once.</summary>
public static class AmountCalculator
{
    /// <summary>The rounded amount, or null with the reasons it cannot be computed (a fact or parameter unknown, no tier).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static (Money? Amount, IReadOnlyList<UnknownReason> Reasons) Compute(AmountRule rule, SubjectFacts facts, EvaluationContext context)
    {
        var (exact, reasons) = ComputeExact(rule, facts, context);
        if (exact < 0)
        {
            // A negative benefit is a mistake in the formula or the data, never a claw-back: a reviewer decides.
            return (null, [new UnknownReason(UnknownReasonKind.Undefined, $"negative amount {exact}")]);
        }

        return exact is null ? (null, reasons) : (rule.Rounding.Apply(exact.Value), reasons);
    }

    /// <summary>The exact (unrounded) amount in yuan, for proration before rounding.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static (decimal? Yuan, IReadOnlyList<UnknownReason> Reasons) ComputeExact(AmountRule rule, SubjectFacts facts, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Kind != AmountKind.Tiered)
        {
            var (value, _, reasons) = RuleInterpreter.EvaluateNumber(rule.Value!, facts, context);
            return (value, reasons);
        }

        var (on, _, tierReasons) = RuleInterpreter.EvaluateNumber(rule.TierOn!, facts, context);
        if (on is null)
        {
            return (null, tierReasons);
        }

        var tier = rule.Tiers.FirstOrDefault(t => t.Contains(on.Value));
        if (tier is null)
        {
            return (null, [new UnknownReason(UnknownReasonKind.Undefined, $"no tier for {on.Value}")]);
        }

        var (amount, _, amountReasons) = RuleInterpreter.EvaluateNumber(tier.Value, facts, context);
        return (amount, amountReasons);
    }

    /// <summary>A monthly amount prorated by eligible days in the month, then rounded.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Money Prorated(decimal monthlyYuan, Rounding rounding, BusinessDate month, BusinessDate? eligibleFrom, BusinessDate? eligibleUntil) =>
        rounding.Apply(Proration.ForMonth(monthlyYuan, month, eligibleFrom, eligibleUntil));
}
