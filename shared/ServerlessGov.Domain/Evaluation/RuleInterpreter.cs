using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Rules.Syntax;
using ServerlessGov.Domain.Rules.Text;

namespace ServerlessGov.Domain.Evaluation;

/// <summary>
/// The reference evaluator: walks a (type-checked) rule tree and returns its three-valued outcome with the full
/// proof. Simple on purpose; the compiled evaluator must agree with it.
/// </summary>
public sealed class RuleInterpreter
{
    // Proofs name each clause by its text; printing once per node (not per decision) keeps proofs cheap in bulk runs.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RuleNode, string> ClauseTexts = [];

    private readonly SubjectFacts _facts;
    private readonly EvaluationContext _context;

    private RuleInterpreter(SubjectFacts facts, EvaluationContext context)
    {
        _facts = facts;
        _context = context;
    }

    /// <summary>Evaluates a rule for a subject and returns the proof; its <see cref="ClauseProof.Outcome"/> is the decision.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="RuleException">The rule breaks <see cref="RuleLimits"/>.</exception>
    public static ClauseProof Evaluate(RuleNode rule, SubjectFacts facts, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(context);
        RuleLimits.Enforce(rule);
        return new RuleInterpreter(facts, context).Clause(rule);
    }

    /// <summary>Evaluates a numeric formula (an amount) for a subject; null value when unknown, with the reasons.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="RuleException">The formula breaks <see cref="RuleLimits"/>.</exception>
    public static (decimal? Value, IReadOnlyList<FactEvidence> Facts, IReadOnlyList<UnknownReason> Reasons) EvaluateNumber(RuleNode formula, SubjectFacts facts, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(formula);
        RuleLimits.Enforce(formula);
        var interpreter = new RuleInterpreter(facts, context);
        var evidence = new List<FactEvidence>();
        var reasons = new List<UnknownReason>();
        var value = interpreter.Value(formula, evidence, reasons);
        return (value is { Kind: ValueKind.Number } v ? v.AsNumber : null, evidence, reasons);
    }

    /// <summary>
    /// Reads one fact as a rule would (authoritative, fresh, uncontradicted): its value, or null with the reason a
    /// reviewer must confirm it. For what decides besides a rule, such as the household or spouse of a beneficiary limit.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KeyNotFoundException">The dictionary has no such fact.</exception>
    public static (RuleValue? Value, IReadOnlyList<UnknownReason> Reasons) EvaluateFact(string fact, SubjectFacts facts, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(context);
        var reasons = new List<UnknownReason>();
        var value = new RuleInterpreter(facts, context).Fact(context.Dictionary.GetFact(fact), [], reasons);
        return (value, reasons);
    }

    private ClauseProof Clause(RuleNode node)
    {
        switch (node)
        {
            case AllNode all:
                return Combine(node, all.Operands.Select(Clause).ToList(), and: true);
            case AnyNode any:
                return Combine(node, any.Operands.Select(Clause).ToList(), and: false);
            case NotNode not:
                var inner = Clause(not.Operand);
                return new ClauseProof(ClauseText(node), Kleene.Not(inner.Outcome), [], [], [inner]) { Node = node };
        }

        var evidence = new List<FactEvidence>();
        var reasons = new List<UnknownReason>();
        var outcome = Leaf(node, evidence, reasons);
        return new ClauseProof(ClauseText(node), outcome, evidence, outcome == Truth.Unknown ? reasons : [], []) { Node = node };
    }

    private static string ClauseText(RuleNode node) => ClauseTexts.GetValue(node, RulePrinter.Print);

    private static ClauseProof Combine(RuleNode node, List<ClauseProof> children, bool and)
    {
        var outcome = and ? Truth.Satisfied : Truth.NotSatisfied;
        foreach (var child in children)
        {
            outcome = and ? Kleene.And(outcome, child.Outcome) : Kleene.Or(outcome, child.Outcome);
        }

        // Keep the children that decided: for a satisfied 'and' (or an unsatisfied 'or') all of them, otherwise
        // only those with the deciding outcome.
        var decisive = (and && outcome == Truth.Satisfied) || (!and && outcome == Truth.NotSatisfied)
            ? children
            : children.Where(c => c.Outcome == outcome).ToList();
        return new ClauseProof(ClauseText(node), outcome, [], [], decisive) { Node = node };
    }

    private Truth Leaf(RuleNode node, List<FactEvidence> evidence, List<UnknownReason> reasons)
    {
        switch (node)
        {
            case ExistsNode exists:
                var fact = _context.Dictionary.GetFact(exists.Fact);
                if (!_facts.Reported(fact.Id))
                {
                    return Truth.NotSatisfied;
                }

                evidence.Add(Evidence(fact));
                return Truth.Satisfied;
            case CompareNode compare:
                var left = Value(compare.Left, evidence, reasons);
                var right = Value(compare.Right, evidence, reasons);
                if (left is null || right is null)
                {
                    return Truth.Unknown;
                }

                var order = compare.Operator is CompareOperator.Equal or CompareOperator.NotEqual ? (left.Value == right.Value ? 0 : 1) : left.Value.CompareTo(right.Value);
                return Kleene.Of(compare.Operator switch
                {
                    CompareOperator.Equal => order == 0,
                    CompareOperator.NotEqual => order != 0,
                    CompareOperator.Less => order < 0,
                    CompareOperator.LessOrEqual => order <= 0,
                    CompareOperator.Greater => order > 0,
                    _ => order >= 0,
                });
            case InNode @in:
                var item = Value(@in.Item, evidence, reasons);
                if (@in.Collection is ListNode list)
                {
                    var values = list.Items.Select(i => Value(i, evidence, reasons)).ToList();
                    if (item is null)
                    {
                        return Truth.Unknown;
                    }

                    if (values.Any(v => v == item.Value))
                    {
                        return Truth.Satisfied;
                    }

                    return values.Any(v => v is null) ? Truth.Unknown : Truth.NotSatisfied;
                }

                var set = Value(@in.Collection, evidence, reasons);
                return item is null || set is null ? Truth.Unknown : Kleene.Of(set.Value.AsSet.Contains(item.Value.AsText));
            default:
                var value = Value(node, evidence, reasons);
                return value is null ? Truth.Unknown : Kleene.Of(value.Value.AsBool);
        }
    }

    private RuleValue? Value(RuleNode node, List<FactEvidence> evidence, List<UnknownReason> reasons)
    {
        switch (node)
        {
            case LiteralNode literal:
                return literal.Value;
            case DateReferenceNode reference:
                return RuleValue.Date(reference.Reference switch
                {
                    DateReference.PeriodStart => _context.PeriodStart.Date,
                    DateReference.PeriodEnd => _context.PeriodEnd.Date,
                    _ => _context.EvaluationDate.Date,
                });
            case ParameterNode parameter:
                if (_context.Parameters.TryGetValue(parameter.Name, out var number))
                {
                    return RuleValue.Number(number);
                }

                reasons.Add(new UnknownReason(UnknownReasonKind.MissingParameter, parameter.Name));
                return null;
            case FactNode factNode:
                return Fact(_context.Dictionary.GetFact(factNode.Name), evidence, reasons);
            case CallNode call:
                return Call(call, evidence, reasons);
            case ArithmeticNode arithmetic:
                var left = Value(arithmetic.Left, evidence, reasons);
                var right = Value(arithmetic.Right, evidence, reasons);
                if (left is null || right is null)
                {
                    return null;
                }

                if (!Arithmetic.TryApply(arithmetic.Operator, left.Value.AsNumber, right.Value.AsNumber, out var result))
                {
                    reasons.Add(new UnknownReason(UnknownReasonKind.Undefined, RulePrinter.Print(arithmetic)));
                    return null;
                }

                return RuleValue.Number(result);
            default:
                var truth = Clause(node);
                reasons.AddRange(truth.Leaves().SelectMany(l => l.Reasons));
                return truth.Outcome == Truth.Unknown ? null : RuleValue.Bool(truth.Outcome == Truth.Satisfied);
        }
    }

    private RuleValue? Call(CallNode call, List<FactEvidence> evidence, List<UnknownReason> reasons)
    {
        var arguments = new List<RuleValue?>();
        if (call.Function == RuleFunction.AgeOn)
        {
            arguments.Add(Fact(_context.Dictionary.GetFact("birth_date"), evidence, reasons));
        }

        arguments.AddRange(call.Arguments.Select(a => Value(a, evidence, reasons)));
        if (arguments.Any(a => a is null))
        {
            return null;
        }

        var values = arguments.Select(a => a!.Value).ToList();
        return call.Function switch
        {
            RuleFunction.AgeOn or RuleFunction.YearsBetween => RuleValue.Number(DateMath.WholeYears(values[0].AsDate, values[1].AsDate)),
            RuleFunction.MonthsBetween => RuleValue.Number(DateMath.WholeMonths(values[0].AsDate, values[1].AsDate)),
            RuleFunction.Min => RuleValue.Number(values.Min(v => v.AsNumber)),
            _ => RuleValue.Number(values.Max(v => v.AsNumber)),
        };
    }

    private RuleValue? Fact(FactDefinition fact, List<FactEvidence> evidence, List<UnknownReason> reasons)
    {
        var staleBefore = _context.StaleBeforeTicks[fact.Id];
        var status = _facts.StatusOf(fact, staleBefore);
        if (status == FactStatus.Missing)
        {
            reasons.Add(new UnknownReason(UnknownReasonKind.Missing, fact.Name));
            return null;
        }

        var observed = Evidence(fact);
        evidence.Add(observed);
        switch (status)
        {
            case FactStatus.Usable:
                return _facts.UsableValue(fact.Id, staleBefore);
            case FactStatus.Stale:
                reasons.Add(new UnknownReason(UnknownReasonKind.Stale, fact.Name, observed.Source, observed.AsOf, Absence: observed.Absence));
                return null;
            case FactStatus.NonAuthoritative:
                reasons.Add(new UnknownReason(UnknownReasonKind.NonAuthoritative, fact.Name, observed.Source, observed.AsOf));
                return null;
            default:
                var other = _facts.Conflicts![fact.Id]!;
                reasons.Add(new UnknownReason(UnknownReasonKind.Conflicting, fact.Name, observed.Source, observed.AsOf, other.Source, observed.Absence ?? other.Absence));
                return null;
        }
    }

    private FactEvidence Evidence(FactDefinition fact)
    {
        var staleBefore = _context.StaleBeforeTicks[fact.Id];
        var observation = _facts.Effective(fact.Id, staleBefore, out var setAside);
        var status = _facts.StatusOf(fact, staleBefore);
        return new FactEvidence(fact.Name, Masking.Show(fact, observation.Value), observation.Source, observation.AsOf, status)
        {
            Absence = observation.Absence,
            Disregarded = setAside is null
                ? null
                : new FactEvidence(fact.Name, Masking.Show(fact, setAside.Value), setAside.Source, setAside.AsOf, FactStatus.Stale) { Absence = setAside.Absence },
        };
    }
}
