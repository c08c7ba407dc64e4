using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Rules.Syntax;

namespace ServerlessGov.Domain.Rules;

/// <summary>
/// How large a rule or formula may be. Every walk over a rule tree (parser, JSON reader, checker, printer, compiler,
/// interpreter, proof writers) is recursive, and a stack overflow ends the whole process, so each of them checks its
/// input against these limits first; the check itself is iterative.
/// </summary>
public static class RuleLimits
{
    /// <summary>
    /// The deepest nesting: each parenthesis, <c>not</c>, operator, function call and list adds a level, and so does each
    /// further term of a chain such as <c>a + b + c</c>. The twelve sample policies nest at most 4 levels.
    /// </summary>
    public const int MaxDepth = 32;

    /// <summary>The most parts (facts, values, operators, calls) one rule or formula may have. The largest sample rule has 18.</summary>
    public const int MaxNodes = 1_000;

    /// <summary>The error codes a limit breach carries.</summary>
    public const string TooDeepCode = "too_deep";

    /// <summary>See <see cref="TooDeepCode"/>.</summary>
    public const string TooLargeCode = "too_large";

    /// <summary>The error of a rule nested deeper than <see cref="MaxDepth"/>, at <paramref name="location"/>.</summary>
    public static RuleError TooDeep(string location) =>
        new(location, TooDeepCode, $"the rule nests deeper than {MaxDepth} levels (parentheses, not, operators, function calls and each term of a chain count); split it into simpler conditions");

    /// <summary>The error of a rule with more than <see cref="MaxNodes"/> parts, at <paramref name="location"/>.</summary>
    public static RuleError TooLarge(string location) =>
        new(location, TooLargeCode, $"the rule has more than {MaxNodes} parts; split it into simpler conditions");

    /// <summary>True for the errors that say a rule breaks a limit (as opposed to a mistake in it).</summary>
    public static bool IsLimit(RuleError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code is TooDeepCode or TooLargeCode;
    }

    /// <summary>How deep <paramref name="rule"/> nests and how many parts it has (measured without recursion).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    public static (int Depth, int Nodes) Measure(RuleNode rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Measure(rule, Children);
    }

    /// <summary>The limit <paramref name="rule"/> breaks, or null when it is within both.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    public static RuleError? Check(RuleNode rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Breach(Measure(rule, Children), rule.Location);
    }

    /// <summary>Throws when <paramref name="rule"/> breaks a limit; every public walk over a rule calls it first.</summary>
    /// <exception cref="RuleException">The rule nests deeper than <see cref="MaxDepth"/> or has more than <see cref="MaxNodes"/> parts.</exception>
    public static void Enforce(RuleNode rule)
    {
        if (Check(rule) is { } error)
        {
            throw new RuleException(error);
        }
    }

    /// <summary>
    /// Throws when a proof tree is deeper or larger than a proof of a rule within the limits can be (one level per
    /// rule level), so the proof writers walk only what the interpreter could have built.
    /// </summary>
    /// <exception cref="RuleException">The proof breaks a limit.</exception>
    public static void Enforce(ClauseProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (Breach(Measure(proof, p => p.Children), proof.Clause) is { } error)
        {
            throw new RuleException(error);
        }
    }

    private static RuleError? Breach((int Depth, int Nodes) size, string location) =>
        size.Depth > MaxDepth ? TooDeep(location) : size.Nodes > MaxNodes ? TooLarge(location) : null;

    private static (int Depth, int Nodes) Measure<T>(T root, Func<T, IEnumerable<T>> children)
    {
        var pending = new Stack<(T Node, int Depth)>();
        pending.Push((root, 1));
        var (deepest, count) = (0, 0);
        while (pending.TryPop(out var item))
        {
            deepest = Math.Max(deepest, item.Depth);
            count++;
            foreach (var child in children(item.Node))
            {
                pending.Push((child, item.Depth + 1));
            }
        }

        return (deepest, count);
    }

    private static IEnumerable<RuleNode> Children(RuleNode node) => node switch
    {
        AllNode all => all.Operands,
        AnyNode any => any.Operands,
        NotNode not => [not.Operand],
        CompareNode compare => [compare.Left, compare.Right],
        InNode @in => [@in.Item, @in.Collection],
        ArithmeticNode arithmetic => [arithmetic.Left, arithmetic.Right],
        CallNode call => call.Arguments,
        ListNode list => list.Items,
        _ => [],
    };
}
