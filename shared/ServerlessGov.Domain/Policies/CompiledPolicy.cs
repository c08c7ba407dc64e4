using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Policies;

/// <summary>
/// A policy compiled for one evaluation date and period: the fast path decides every subject, and a proof and amount
/// are built only for matches and unknowns.
/// </summary>
public sealed class CompiledPolicy
{
    private readonly CompiledRule _rule;

    /// <summary>Compiles a policy for a period; parameters take their values in force at the period start.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public CompiledPolicy(PolicyDocument policy, Dictionary.DataDictionary dictionary, BusinessDate evaluationDate, BusinessDate periodStart, BusinessDate periodEnd)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
        Context = new EvaluationContext(dictionary, evaluationDate, periodStart, periodEnd, policy.ParametersOn(periodStart));
        _rule = RuleCompiler.Compile(policy.Rule, Context);
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
        IReadOnlyList<UnknownReason> amountReasons = [];
        var outcome = proof.Outcome;
        if (outcome == Truth.Satisfied)
        {
            (amount, amountReasons) = AmountCalculator.Compute(Policy.Amount, facts, Context);
            if (amount is null)
            {
                outcome = Truth.Unknown;
            }
        }

        return new PolicyDecision(Policy.Id, Policy.Version, Context.Dictionary.Version, Context.EvaluationDate, Context.PeriodStart, Context.PeriodEnd, outcome, proof, amount, amountReasons);
    }

    /// <summary>The decision when the subject matches or is unknown; null (no proof built) when not satisfied.</summary>
    public PolicyDecision? DecideIfRelevant(SubjectFacts facts) => Evaluate(facts) == Truth.NotSatisfied ? null : Decide(facts);
}
