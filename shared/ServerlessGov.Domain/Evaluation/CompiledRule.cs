using ServerlessGov.Domain.Rules.Syntax;

namespace ServerlessGov.Domain.Evaluation;

/// <summary>
/// A rule compiled to delegates for one evaluation context: <see cref="Evaluate"/> decides without building a proof;
/// <see cref="Prove"/> builds the proof (callers do so only for matches and unknowns).
/// </summary>
public sealed class CompiledRule
{
    private readonly Func<SubjectFacts, Truth> _evaluate;

    internal CompiledRule(RuleNode rule, EvaluationContext context, Func<SubjectFacts, Truth> evaluate)
    {
        Rule = rule;
        Context = context;
        _evaluate = evaluate;
    }

    /// <summary>The rule compiled.</summary>
    public RuleNode Rule { get; }

    /// <summary>The context compiled for.</summary>
    public EvaluationContext Context { get; }

    /// <summary>The three-valued outcome for a subject.</summary>
    /// <exception cref="ArgumentException">The facts use a different dictionary.</exception>
    public Truth Evaluate(SubjectFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (!ReferenceEquals(facts.Dictionary, Context.Dictionary))
        {
            throw new ArgumentException("The subject's facts use a different dictionary than the compiled rule.", nameof(facts));
        }

        return _evaluate(facts);
    }

    /// <summary>The outcome with its full proof.</summary>
    public ClauseProof Prove(SubjectFacts facts) => RuleInterpreter.Evaluate(Rule, facts, Context);
}
