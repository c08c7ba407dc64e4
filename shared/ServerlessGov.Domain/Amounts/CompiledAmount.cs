using ServerlessGov.Domain.Evaluation;

namespace ServerlessGov.Domain.Amounts;

/// <summary>An amount rule compiled for one evaluation context: the exact amount in yuan, or null when it cannot be computed.</summary>
internal sealed class CompiledAmount
{
    private readonly Func<SubjectFacts, decimal?> _value;

    public CompiledAmount(AmountRule rule, EvaluationContext context)
    {
        if (rule.Kind != AmountKind.Tiered)
        {
            _value = RuleCompiler.CompileNumber(rule.Value!, context);
            return;
        }

        var on = RuleCompiler.CompileNumber(rule.TierOn!, context);
        var tiers = rule.Tiers.Select(t => (Tier: t, Value: RuleCompiler.CompileNumber(t.Value, context))).ToArray();
        _value = facts =>
        {
            if (on(facts) is not { } x)
            {
                return null;
            }

            foreach (var (tier, value) in tiers)
            {
                if (tier.Contains(x))
                {
                    return value(facts);
                }
            }

            return null;
        };
    }

    public decimal? Evaluate(SubjectFacts facts) => _value(facts);
}
