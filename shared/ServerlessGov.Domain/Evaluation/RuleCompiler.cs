using System.Collections.Frozen;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Rules.Syntax;

namespace ServerlessGov.Domain.Evaluation;

/// <summary>
/// Compiles a type-checked rule into closures over <see cref="SubjectFacts"/> for one evaluation context: fact ids,
/// freshness cut-offs, dates and parameters are resolved once, so evaluating a subject is array reads and compares.
/// </summary>
public static class RuleCompiler
{
    private delegate bool ValueFunc(SubjectFacts facts, out RuleValue value);

    /// <summary>Compiles a rule.</summary>
    /// <exception cref="KeyNotFoundException">The rule names a fact the dictionary lacks (check rules first).</exception>
    /// <exception cref="RuleException">The rule breaks <see cref="RuleLimits"/>.</exception>
    public static CompiledRule Compile(RuleNode rule, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(context);
        RuleLimits.Enforce(rule);
        return new CompiledRule(rule, context, Condition(rule, context));
    }

    /// <summary>Compiles a numeric formula (an amount); the delegate returns null when a fact or parameter is unusable.</summary>
    /// <exception cref="KeyNotFoundException">The formula names a fact the dictionary lacks (check formulas first).</exception>
    /// <exception cref="RuleException">The formula breaks <see cref="RuleLimits"/>.</exception>
    public static Func<SubjectFacts, decimal?> CompileNumber(RuleNode formula, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(formula);
        ArgumentNullException.ThrowIfNull(context);
        RuleLimits.Enforce(formula);
        var value = Value(formula, context);
        return facts => value(facts, out var v) && v.Kind == ValueKind.Number ? v.AsNumber : null;
    }

    private static Func<SubjectFacts, Truth> Condition(RuleNode node, EvaluationContext context)
    {
        switch (node)
        {
            case AllNode all:
                var allParts = all.Operands.Select(o => Condition(o, context)).ToArray();
                return facts =>
                {
                    var result = Truth.Satisfied;
                    foreach (var part in allParts)
                    {
                        var truth = part(facts);
                        if (truth == Truth.NotSatisfied)
                        {
                            return Truth.NotSatisfied;
                        }

                        if (truth < result)
                        {
                            result = truth;
                        }
                    }

                    return result;
                };
            case AnyNode any:
                var anyParts = any.Operands.Select(o => Condition(o, context)).ToArray();
                return facts =>
                {
                    var result = Truth.NotSatisfied;
                    foreach (var part in anyParts)
                    {
                        var truth = part(facts);
                        if (truth == Truth.Satisfied)
                        {
                            return Truth.Satisfied;
                        }

                        if (truth > result)
                        {
                            result = truth;
                        }
                    }

                    return result;
                };
            case NotNode not:
                var inner = Condition(not.Operand, context);
                return facts => Kleene.Not(inner(facts));
            case ExistsNode exists:
                var id = context.Dictionary.GetFact(exists.Fact).Id;
                return facts => facts.Reported(id) ? Truth.Satisfied : Truth.NotSatisfied;
            case CompareNode compare:
                return Compare(compare, context);
            case InNode @in:
                return Membership(@in, context);
            default:
                var value = Value(node, context);
                return facts => value(facts, out var v) ? Kleene.Of(v.AsBool) : Truth.Unknown;
        }
    }

    private static Func<SubjectFacts, Truth> Compare(CompareNode compare, EvaluationContext context)
    {
        if (AgeThreshold(compare, context) is { } age)
        {
            return age;
        }

        var left = Value(compare.Left, context);
        var op = compare.Operator;
        if (compare.Right is LiteralNode { Value.Kind: ValueKind.Number } literal)
        {
            var constant = literal.Value.AsNumber;
            return facts => left(facts, out var l) ? Kleene.Of(Decide(op, l.AsNumber.CompareTo(constant))) : Truth.Unknown;
        }

        var right = Value(compare.Right, context);
        return facts =>
        {
            if (!left(facts, out var l) || !right(facts, out var r))
            {
                return Truth.Unknown;
            }

            var order = op is CompareOperator.Equal or CompareOperator.NotEqual ? (l == r ? 0 : 1) : l.CompareTo(r);
            return Kleene.Of(Decide(op, order));
        };
    }

    // age_on(d) >= n holds exactly when birth_date <= d minus n years (29 February clamping to 28 February agrees
    // with DateMath.WholeYears), so the common age clause becomes one integer comparison.
    private static Func<SubjectFacts, Truth>? AgeThreshold(CompareNode compare, EvaluationContext context)
    {
        if (compare is not { Left: CallNode { Function: RuleFunction.AgeOn, Arguments: [DateReferenceNode reference] }, Right: LiteralNode { Value.Kind: ValueKind.Number } literal }
            || compare.Operator is CompareOperator.Equal or CompareOperator.NotEqual)
        {
            return null;
        }

        var years = literal.Value.AsNumber;
        if (years != decimal.Truncate(years) || years < 0 || years > 200)
        {
            return null;
        }

        var date = reference.Reference switch
        {
            DateReference.PeriodStart => context.PeriodStart.Date,
            DateReference.PeriodEnd => context.PeriodEnd.Date,
            _ => context.EvaluationDate.Date,
        };
        var n = (int)years + (compare.Operator is CompareOperator.Greater or CompareOperator.LessOrEqual ? 1 : 0);
        if (date.Year - n < 1)
        {
            return null;
        }

        var threshold = date.AddYears(-n).DayNumber;
        var negate = compare.Operator is CompareOperator.Less or CompareOperator.LessOrEqual;
        var birth = Fact("birth_date", context);
        return facts => birth(facts, out var b) ? Kleene.Of((b.DayNumber <= threshold) != negate) : Truth.Unknown;
    }

    private static bool Decide(CompareOperator op, int order) => op switch
    {
        CompareOperator.Equal => order == 0,
        CompareOperator.NotEqual => order != 0,
        CompareOperator.Less => order < 0,
        CompareOperator.LessOrEqual => order <= 0,
        CompareOperator.Greater => order > 0,
        _ => order >= 0,
    };

    private static Func<SubjectFacts, Truth> Membership(InNode @in, EvaluationContext context)
    {
        var item = Value(@in.Item, context);
        if (@in.Collection is ListNode list)
        {
            if (list.Items.All(i => i is LiteralNode))
            {
                var constants = list.Items.Select(i => ((LiteralNode)i).Value).ToFrozenSet();
                return facts => item(facts, out var v) ? Kleene.Of(constants.Contains(v)) : Truth.Unknown;
            }

            var values = list.Items.Select(i => Value(i, context)).ToArray();
            return facts =>
            {
                if (!item(facts, out var v))
                {
                    return Truth.Unknown;
                }

                var result = Truth.NotSatisfied;
                foreach (var value in values)
                {
                    if (!value(facts, out var candidate))
                    {
                        result = Truth.Unknown;
                    }
                    else if (candidate == v)
                    {
                        return Truth.Satisfied;
                    }
                }

                return result;
            };
        }

        var set = Value(@in.Collection, context);
        return facts => item(facts, out var v) && set(facts, out var s) ? Kleene.Of(s.AsSet.Contains(v.AsText)) : Truth.Unknown;
    }

    private static ValueFunc Value(RuleNode node, EvaluationContext context)
    {
        switch (node)
        {
            case LiteralNode literal:
                var constant = literal.Value;
                return (SubjectFacts _, out RuleValue v) =>
                {
                    v = constant;
                    return true;
                };
            case DateReferenceNode reference:
                var date = RuleValue.Date(reference.Reference switch
                {
                    DateReference.PeriodStart => context.PeriodStart.Date,
                    DateReference.PeriodEnd => context.PeriodEnd.Date,
                    _ => context.EvaluationDate.Date,
                });
                return (SubjectFacts _, out RuleValue v) =>
                {
                    v = date;
                    return true;
                };
            case ParameterNode parameter:
                var known = context.Parameters.TryGetValue(parameter.Name, out var number);
                var parameterValue = RuleValue.Number(number);
                return (SubjectFacts _, out RuleValue v) =>
                {
                    v = parameterValue;
                    return known;
                };
            case FactNode fact:
                return Fact(fact.Name, context);
            case CallNode call:
                return Call(call, context);
            case ArithmeticNode arithmetic:
                var left = Value(arithmetic.Left, context);
                var right = Value(arithmetic.Right, context);
                var op = arithmetic.Operator;
                return (SubjectFacts facts, out RuleValue v) =>
                {
                    v = default;
                    if (!left(facts, out var l) || !right(facts, out var r) || !Arithmetic.TryApply(op, l.AsNumber, r.AsNumber, out var result))
                    {
                        return false;
                    }

                    v = RuleValue.Number(result);
                    return true;
                };
            default:
                var condition = Condition(node, context);
                return (SubjectFacts facts, out RuleValue v) =>
                {
                    var truth = condition(facts);
                    v = RuleValue.Bool(truth == Truth.Satisfied);
                    return truth != Truth.Unknown;
                };
        }
    }

    private static ValueFunc Fact(string name, EvaluationContext context)
    {
        var definition = context.Dictionary.GetFact(name);
        var id = definition.Id;
        var mask = definition.AuthoritativeMask;
        var staleBefore = context.StaleBeforeTicks[id];
        return (SubjectFacts facts, out RuleValue v) =>
        {
            v = facts.Values[id];
            var source = facts.Sources[id];
            if (source < 0 || (mask & (1UL << source)) == 0)
            {
                return false;
            }

            // Two authoritative sources disagree: the fresh one decides when only one is fresh (rare, so off the fast path).
            return facts.Conflicts is { } conflicts && conflicts[id] is not null
                ? facts.TryFreshOfConflict(id, staleBefore, out v)
                : facts.AsOfTicks[id] >= staleBefore;
        };
    }

    private static ValueFunc Call(CallNode call, EvaluationContext context)
    {
        var arguments = call.Arguments.Select(a => Value(a, context)).ToList();
        if (call.Function == RuleFunction.AgeOn)
        {
            arguments.Insert(0, Fact("birth_date", context));
        }

        var function = call.Function;
        var parts = arguments.ToArray();
        if (parts.Length == 2 && function is RuleFunction.AgeOn or RuleFunction.YearsBetween or RuleFunction.MonthsBetween)
        {
            var from = parts[0];
            var to = parts[1];
            var months = function == RuleFunction.MonthsBetween;
            return (SubjectFacts facts, out RuleValue v) =>
            {
                v = default;
                if (!from(facts, out var a) || !to(facts, out var b))
                {
                    return false;
                }

                v = RuleValue.Number(months ? DateMath.WholeMonths(a.AsDate, b.AsDate) : DateMath.WholeYears(a.AsDate, b.AsDate));
                return true;
            };
        }

        var minimum = function == RuleFunction.Min;
        return (SubjectFacts facts, out RuleValue v) =>
        {
            v = default;
            decimal? result = null;
            foreach (var part in parts)
            {
                if (!part(facts, out var x))
                {
                    return false;
                }

                var n = x.AsNumber;
                result = result is null ? n : minimum ? Math.Min(result.Value, n) : Math.Max(result.Value, n);
            }

            v = RuleValue.Number(result ?? 0);
            return true;
        };
    }
}
