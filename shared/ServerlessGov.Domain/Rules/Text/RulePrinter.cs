using System.Text;
using ServerlessGov.Domain.Rules.Syntax;

namespace ServerlessGov.Domain.Rules.Text;

/// <summary>Prints a rule tree in the text form, with only the parentheses needed; parsing the output gives the same tree.</summary>
public static class RulePrinter
{
    /// <summary>The text form of a rule or formula.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="node"/> is null.</exception>
    /// <exception cref="NotSupportedException">The tree holds a set literal, which has no text form.</exception>
    /// <exception cref="RuleException">The tree breaks <see cref="RuleLimits"/>.</exception>
    public static string Print(RuleNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        RuleLimits.Enforce(node);
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    private static int Precedence(RuleNode node) => node switch
    {
        AnyNode => 1,
        AllNode => 2,
        NotNode => 3,
        CompareNode or InNode => 4,
        ArithmeticNode { Operator: ArithmeticOperator.Add or ArithmeticOperator.Subtract } => 5,
        ArithmeticNode => 6,
        _ => 7,
    };

    private static void Write(StringBuilder b, RuleNode node)
    {
        switch (node)
        {
            case AnyNode any:
                Join(b, any.Operands, " or ", minimum: 2);
                break;
            case AllNode all:
                Join(b, all.Operands, " and ", minimum: 3);
                break;
            case NotNode not:
                b.Append("not ");
                Child(b, not.Operand, minimum: 3);
                break;
            case CompareNode compare:
                Child(b, compare.Left, minimum: 5);
                b.Append(' ').Append(FunctionNames.Of(compare.Operator)).Append(' ');
                Child(b, compare.Right, minimum: 5);
                break;
            case InNode @in:
                Child(b, @in.Item, minimum: 5);
                b.Append(" in ");
                Child(b, @in.Collection, minimum: 5);
                break;
            case ArithmeticNode arithmetic:
                var level = Precedence(arithmetic);
                Child(b, arithmetic.Left, minimum: level);
                b.Append(' ').Append(FunctionNames.Of(arithmetic.Operator)).Append(' ');
                Child(b, arithmetic.Right, minimum: level + 1);
                break;
            case ExistsNode exists:
                b.Append("exists(").Append(exists.Fact).Append(')');
                break;
            case FactNode fact:
                b.Append(fact.Name);
                break;
            case ParameterNode parameter:
                b.Append('$').Append(parameter.Name);
                break;
            case DateReferenceNode reference:
                b.Append(FunctionNames.Of(reference.Reference));
                break;
            case CallNode call:
                b.Append(FunctionNames.Of(call.Function)).Append('(');
                Join(b, call.Arguments, ", ", minimum: 0);
                b.Append(')');
                break;
            case ListNode list:
                b.Append('[');
                Join(b, list.Items, ", ", minimum: 0);
                b.Append(']');
                break;
            case LiteralNode literal:
                WriteLiteral(b, literal.Value);
                break;
            default:
                throw new NotSupportedException($"Cannot print {node.GetType().Name}.");
        }
    }

    private static void Join(StringBuilder b, IEnumerable<RuleNode> nodes, string separator, int minimum)
    {
        var first = true;
        foreach (var node in nodes)
        {
            if (!first)
            {
                b.Append(separator);
            }

            first = false;
            Child(b, node, minimum);
        }
    }

    private static void Child(StringBuilder b, RuleNode node, int minimum)
    {
        if (Precedence(node) < minimum)
        {
            b.Append('(');
            Write(b, node);
            b.Append(')');
        }
        else
        {
            Write(b, node);
        }
    }

    private static void WriteLiteral(StringBuilder b, RuleValue value)
    {
        switch (value.Kind)
        {
            case ValueKind.Text:
                b.Append('"');
                foreach (var c in value.AsText)
                {
                    b.Append(c switch { '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", '\t' => "\\t", _ => c.ToString() });
                }

                b.Append('"');
                break;
            case ValueKind.Date:
                b.Append("date(\"").Append(value.ToString()).Append("\")");
                break;
            case ValueKind.Bool or ValueKind.Number:
                b.Append(value.ToString());
                break;
            default:
                throw new NotSupportedException("A set literal has no text form; write a list in brackets.");
        }
    }
}
