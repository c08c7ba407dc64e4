using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Rules.Syntax;

namespace ServerlessGov.Domain.Rules.Checking;

/// <summary>
/// Type-checks a rule against the data dictionary: unknown facts (with a "did you mean"), type and unit mismatches,
/// facts about the wrong kind of subject, enum values that do not exist. Reports every error with its location.
/// </summary>
public sealed class RuleChecker
{
    private const string BirthDateFact = "birth_date";
    private readonly RuleCheckContext _context;
    private readonly List<RuleError> _errors = [];

    private RuleChecker(RuleCheckContext context) => _context = context;

    /// <summary>Checks an eligibility rule, which must be a condition.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<RuleError> CheckRule(RuleNode rule, RuleCheckContext context) => Check(rule, context, TypeKind.Bool);

    /// <summary>Checks an amount formula, which must be a number.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<RuleError> CheckFormula(RuleNode formula, RuleCheckContext context) => Check(formula, context, TypeKind.Number);

    /// <summary>Infers the type of an expression, or throws with every error found.</summary>
    /// <exception cref="RuleException">The expression does not type-check, or breaks <see cref="RuleLimits"/>.</exception>
    public static RuleType InferType(RuleNode node, RuleCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(context);
        RuleLimits.Enforce(node);
        var checker = new RuleChecker(context);
        var type = checker.Infer(node);
        return checker._errors.Count > 0 ? throw new RuleException(checker._errors) : type;
    }

    private static List<RuleError> Check(RuleNode node, RuleCheckContext context, TypeKind expected)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(context);
        if (RuleLimits.Check(node) is { } limit)
        {
            return [limit];
        }

        var checker = new RuleChecker(context);
        var type = checker.Infer(node);
        if (type.Kind != TypeKind.Error && type.Kind != expected)
        {
            var wanted = expected == TypeKind.Bool ? "a condition (true/false)" : "a number";
            checker.Add(node, "type_mismatch", $"the whole expression must be {wanted}, but it is {type.Describe()}");
        }

        return checker._errors;
    }

    private RuleType Infer(RuleNode node) => node switch
    {
        AllNode all => Conditions(all.Operands),
        AnyNode any => Conditions(any.Operands),
        NotNode not => Conditions([not.Operand]),
        CompareNode compare => Compare(compare),
        InNode @in => Membership(@in),
        ExistsNode exists => Fact(exists, exists.Fact) is null ? RuleType.Error : RuleType.Bool,
        FactNode fact => Fact(fact, fact.Name) is { } definition ? TypeOf(definition) : RuleType.Error,
        ParameterNode parameter => Parameter(parameter),
        DateReferenceNode => RuleType.Date,
        LiteralNode literal => TypeOf(literal.Value),
        ListNode list => List(list),
        CallNode call => Call(call),
        ArithmeticNode arithmetic => Arithmetic(arithmetic),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private RuleType Conditions(IEnumerable<RuleNode> operands)
    {
        var failed = false;
        foreach (var operand in operands)
        {
            var type = Infer(operand);
            if (type.Kind == TypeKind.Error)
            {
                failed = true;
            }
            else if (type.Kind != TypeKind.Bool)
            {
                failed = true;
                Add(operand, "type_mismatch", $"'and', 'or' and 'not' combine conditions, but this is {type.Describe()}; compare it with something");
            }
        }

        return failed ? RuleType.Error : RuleType.Bool;
    }

    private RuleType Compare(CompareNode compare)
    {
        var left = Infer(compare.Left);
        var right = Infer(compare.Right);
        if (left.Kind == TypeKind.Error || right.Kind == TypeKind.Error)
        {
            return RuleType.Error;
        }

        if (left.Kind != right.Kind || left.Kind is TypeKind.Set or TypeKind.List)
        {
            Add(compare, "type_mismatch", $"cannot compare {left.Describe()} with {right.Describe()}");
            return RuleType.Error;
        }

        var ordered = compare.Operator is not (CompareOperator.Equal or CompareOperator.NotEqual);
        if (ordered && left.Kind is TypeKind.Bool or TypeKind.Text)
        {
            Add(compare, "type_mismatch", $"'{FunctionNames.Of(compare.Operator)}' needs numbers or dates, not {left.Describe()}; use '=' or 'in'");
            return RuleType.Error;
        }

        if (left.Kind == TypeKind.Number && !UnitsAgree(left, right))
        {
            Add(compare, "unit_mismatch", $"cannot compare {left.Describe()} with {right.Describe()}");
            return RuleType.Error;
        }

        if (!EnumValueExists(left, compare.Right) | !EnumValueExists(right, compare.Left))
        {
            return RuleType.Error;
        }

        return RuleType.Bool;
    }

    private RuleType Membership(InNode @in)
    {
        var item = Infer(@in.Item);
        var collection = Infer(@in.Collection);
        if (item.Kind == TypeKind.Error || collection.Kind == TypeKind.Error)
        {
            return RuleType.Error;
        }

        if (collection.Kind == TypeKind.Set)
        {
            if (item.Kind != TypeKind.Text)
            {
                Add(@in, "type_mismatch", $"a set holds texts, so the item must be text, not {item.Describe()}");
                return RuleType.Error;
            }

            return RuleType.Bool;
        }

        if (collection.Kind != TypeKind.List)
        {
            Add(@in.Collection, "type_mismatch", $"'in' needs a list in brackets or a set fact, not {collection.Describe()}");
            return RuleType.Error;
        }

        var element = collection.Element;
        if (element is null)
        {
            return RuleType.Bool;
        }

        if (element.Kind != item.Kind || (item.Kind == TypeKind.Number && !UnitsAgree(item, element)))
        {
            Add(@in, "type_mismatch", $"the list holds {element.Describe()} but the item is {item.Describe()}");
            return RuleType.Error;
        }

        var ok = true;
        foreach (var value in ((ListNode)@in.Collection).Items)
        {
            ok &= EnumValueExists(item, value);
        }

        return ok ? RuleType.Bool : RuleType.Error;
    }

    private RuleType List(ListNode list)
    {
        RuleType? element = null;
        foreach (var item in list.Items)
        {
            var type = Infer(item);
            if (type.Kind == TypeKind.Error)
            {
                return RuleType.Error;
            }

            if (type.Kind is TypeKind.List or TypeKind.Set or TypeKind.Bool)
            {
                Add(item, "type_mismatch", $"a list holds numbers, dates or texts, not {type.Describe()}");
                return RuleType.Error;
            }

            if (element is not null && element.Kind != type.Kind)
            {
                Add(item, "type_mismatch", $"all items of a list have one type; this is {type.Describe()}, the first is {element.Describe()}");
                return RuleType.Error;
            }

            element ??= type;
        }

        return new RuleType(TypeKind.List, Element: element);
    }

    private RuleType Call(CallNode call)
    {
        var name = FunctionNames.Of(call.Function);
        var arguments = call.Arguments.Select(Infer).ToList();
        if (arguments.Any(a => a.Kind == TypeKind.Error))
        {
            return RuleType.Error;
        }

        var (minimum, maximum, kind) = call.Function switch
        {
            RuleFunction.AgeOn => (1, 1, TypeKind.Date),
            RuleFunction.YearsBetween or RuleFunction.MonthsBetween => (2, 2, TypeKind.Date),
            _ => (2, int.MaxValue, TypeKind.Number),
        };
        if (arguments.Count < minimum || arguments.Count > maximum)
        {
            var expected = minimum == maximum ? $"{minimum}" : $"at least {minimum}";
            Add(call, "arity", $"{name} takes {expected} argument(s), not {arguments.Count}");
            return RuleType.Error;
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Kind != kind)
            {
                Add(call.Arguments[i], "type_mismatch", $"argument {i + 1} of {name} must be {(kind == TypeKind.Date ? "a date" : "a number")}, not {arguments[i].Describe()}");
                return RuleType.Error;
            }
        }

        switch (call.Function)
        {
            case RuleFunction.AgeOn:
                return Fact(call, BirthDateFact) is null ? RuleType.Error : RuleType.Number("years");
            case RuleFunction.YearsBetween:
                return RuleType.Number("years");
            case RuleFunction.MonthsBetween:
                return RuleType.Number("months");
        }

        for (var i = 1; i < arguments.Count; i++)
        {
            if (!UnitsAgree(arguments[0], arguments[i]))
            {
                Add(call, "unit_mismatch", $"{name} mixes {arguments[0].Describe()} with {arguments[i].Describe()}");
                return RuleType.Error;
            }
        }

        return RuleType.Number(arguments.Select(a => a.Unit).FirstOrDefault(u => u is not null));
    }

    private RuleType Arithmetic(ArithmeticNode arithmetic)
    {
        var left = Infer(arithmetic.Left);
        var right = Infer(arithmetic.Right);
        if (left.Kind == TypeKind.Error || right.Kind == TypeKind.Error)
        {
            return RuleType.Error;
        }

        if (left.Kind != TypeKind.Number || right.Kind != TypeKind.Number)
        {
            Add(arithmetic, "type_mismatch", $"'{FunctionNames.Of(arithmetic.Operator)}' needs numbers, not {left.Describe()} and {right.Describe()}");
            return RuleType.Error;
        }

        if (arithmetic.Operator is ArithmeticOperator.Add or ArithmeticOperator.Subtract && !UnitsAgree(left, right))
        {
            Add(arithmetic, "unit_mismatch", $"cannot add or subtract {left.Describe()} and {right.Describe()}");
            return RuleType.Error;
        }

        // Multiplying a rate by a count keeps the rate's unit (yuan/person × persons is written as yuan × persons).
        return RuleType.Number(left.Unit ?? right.Unit);
    }

    private RuleType Parameter(ParameterNode parameter)
    {
        if (_context.Parameters.TryGetValue(parameter.Name, out var unit))
        {
            return RuleType.Number(unit);
        }

        Add(parameter, "unknown_parameter", $"the policy has no parameter '${parameter.Name}'{NameSuggestions.Hint(parameter.Name, _context.Parameters.Keys)}");
        return RuleType.Error;
    }

    private FactDefinition? Fact(RuleNode node, string name)
    {
        if (!_context.Dictionary.TryGetFact(name, out var fact))
        {
            var hint = NameSuggestions.Hint(name, _context.Dictionary.Facts.Select(f => f.Name));
            Add(node, "unknown_fact", $"the data dictionary has no fact '{name}'{hint}");
            return null;
        }

        if (!_context.AllowedSubjects.Contains(fact.Subject))
        {
            var allowed = string.Join(" and ", _context.AllowedSubjects.Select(s => s.ToString().ToLowerInvariant()));
            Add(node, "wrong_subject", $"fact '{name}' describes {(fact.Subject == SubjectKind.Enterprise ? "an" : "a")} {fact.Subject.ToString().ToLowerInvariant()}, but this policy may only use {allowed} facts");
            return null;
        }

        return fact;
    }

    private bool EnumValueExists(RuleType type, RuleNode other)
    {
        if (type.EnumFact is not { } fact || other is not LiteralNode { Value.Kind: ValueKind.Text } literal)
        {
            return true;
        }

        if (fact.EnumValues.Contains(literal.Value.AsText))
        {
            return true;
        }

        var hint = NameSuggestions.Hint(literal.Value.AsText, fact.EnumValues);
        Add(other, "unknown_enum_value", $"\"{literal.Value.AsText}\" is not a value of {fact.Name} (one of: {string.Join(", ", fact.EnumValues)}){hint}");
        return false;
    }

    private static bool UnitsAgree(RuleType left, RuleType right) => left.Unit is null || right.Unit is null || left.Unit == right.Unit;

    private static RuleType TypeOf(FactDefinition fact) => fact.Type switch
    {
        FactType.Bool => RuleType.Bool,
        FactType.Integer or FactType.Decimal => RuleType.Number(fact.Unit),
        FactType.Date => RuleType.Date,
        FactType.Enum => new RuleType(TypeKind.Text, EnumFact: fact),
        FactType.String => RuleType.Text,
        _ => RuleType.Set,
    };

    private static RuleType TypeOf(RuleValue value) => value.Kind switch
    {
        ValueKind.Bool => RuleType.Bool,
        ValueKind.Number => RuleType.Number(null),
        ValueKind.Date => RuleType.Date,
        ValueKind.Text => RuleType.Text,
        _ => RuleType.Set,
    };

    private void Add(RuleNode node, string code, string message) =>
        _errors.Add(new RuleError(node.Location, code, message) { End = node.End.Length > 0 ? node.End : null });
}
