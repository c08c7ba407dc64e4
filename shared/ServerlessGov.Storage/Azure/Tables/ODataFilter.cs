using System.Globalization;
using System.Text;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage.Azure.Tables;

/// <summary>
/// Translates a <see cref="TableFilter"/> tree into an OData <c>$filter</c> expression. Every value is written as a
/// typed literal (<c>'…'</c> with quotes doubled, <c>42L</c>, <c>2.0</c>, <c>datetime'…'</c>, <c>guid'…'</c>,
/// <c>X'…'</c>), and property names are checked, so no input can change the expression's shape.
/// </summary>
internal static class ODataFilter
{
    public static string Build(TableFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var builder = new StringBuilder();
        Append(builder, filter);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, TableFilter filter)
    {
        switch (filter)
        {
            case TableComparison comparison:
                builder.Append(PropertyName(comparison.Property)).Append(' ')
                    .Append(Operator(comparison.Operator)).Append(' ')
                    .Append(Literal(comparison.Property, comparison.Value));
                break;
            case TableAnd and:
                Binary(builder, and.Left, "and", and.Right);
                break;
            case TableOr or:
                Binary(builder, or.Left, "or", or.Right);
                break;
            case TableNot not:
                builder.Append("not (");
                Append(builder, not.Operand);
                builder.Append(')');
                break;
            default:
                throw new ArgumentException($"Unknown filter node {filter.GetType().Name}.", nameof(filter));
        }
    }

    private static void Binary(StringBuilder builder, TableFilter left, string op, TableFilter right)
    {
        builder.Append('(');
        Append(builder, left);
        builder.Append(") ").Append(op).Append(" (");
        Append(builder, right);
        builder.Append(')');
    }

    private static string Operator(TableComparisonOperator op) => op switch
    {
        TableComparisonOperator.Equal => "eq",
        TableComparisonOperator.NotEqual => "ne",
        TableComparisonOperator.GreaterThan => "gt",
        TableComparisonOperator.GreaterThanOrEqual => "ge",
        TableComparisonOperator.LessThan => "lt",
        TableComparisonOperator.LessThanOrEqual => "le",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown comparison."),
    };

    private static string PropertyName(string name)
    {
        var valid = name.Length is > 0 and <= TableRules.MaxPropertyNameLength
            && (char.IsAsciiLetter(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        if (!valid)
        {
            throw new StorageException(StorageErrorKind.InvalidInput, 400, "InvalidInput",
                $"Filter property name '{name}' is invalid: use letters, digits and underscores, starting with a letter or underscore.");
        }

        return name;
    }

    private static string Literal(string property, object value) => value switch
    {
        string text => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'",
        int number => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture) + "L",
        double number when double.IsFinite(number) => DoubleLiteral(number),
        double => throw new StorageException(StorageErrorKind.InvalidInput, 400, "InvalidInput",
            $"Filter on '{property}' compares with NaN or infinity, which OData filters cannot express."),
        bool flag => flag ? "true" : "false",
        DateTimeOffset instant => $"datetime'{EntityJson.FormatInstant(instant)}'",
        Guid id => $"guid'{id:D}'",
        byte[] bytes => $"X'{Convert.ToHexStringLower(bytes)}'",
        _ => throw new ArgumentException($"Filter on '{property}' has an unsupported value type {value.GetType().Name}.", nameof(value)),
    };

    private static string DoubleLiteral(double number)
    {
        var text = number.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }
}
