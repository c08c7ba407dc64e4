using System.Runtime.CompilerServices;
using System.Text;
using Azure.Data.Tables;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage.Azure.Tables;

/// <summary>
/// A <see cref="TableFilter"/> tree as an OData filter built by the SDK's <see cref="TableClient.CreateQueryFilter(FormattableString)"/>:
/// property names and operators make the format (names are checked to be identifiers), every value is an argument that
/// the SDK quotes and escapes. Comparisons the SDK cannot write exactly stay off the wire (see <see cref="Split"/>).
/// </summary>
internal static class QueryFilter
{
    /// <summary>
    /// The part of <paramref name="filter"/> the service can evaluate exactly, and whether the whole filter must be
    /// applied again to each returned page. Kept off the wire, as top-level conjuncts: Int64 comparisons (Azurite 3.37
    /// answers 500 when one meets an Int32 property, and Azure may match across widths, which the port forbids), doubles
    /// (the SDK writes <c>5.0</c> as <c>5</c>, which the service reads as an Int32) and binary values (the SDK writes
    /// each byte in decimal, not hex). The server then gets a looser filter, and the port's evaluator decides.
    /// </summary>
    public static (string? Server, bool CheckOnClient) Split(TableFilter? filter)
    {
        if (filter is null)
        {
            return (null, false);
        }

        if (!HasInexact(filter))
        {
            return (Build(filter), false);
        }

        var kept = Conjuncts(filter).Where(c => !HasInexact(c)).ToList();
        return (kept.Count == 0 ? null : Build(kept.Aggregate(TableFilter.And)), true);
    }

    /// <exception cref="StorageException"><see cref="StorageErrorKind.InvalidInput"/> for a property name that is not an identifier.</exception>
    public static string Build(TableFilter filter)
    {
        var format = new StringBuilder();
        var arguments = new List<object?>();
        Append(format, arguments, filter);
        return TableClient.CreateQueryFilter(FormattableStringFactory.Create(format.ToString(), [.. arguments]));
    }

    private static void Append(StringBuilder format, List<object?> arguments, TableFilter filter)
    {
        switch (filter)
        {
            case TableComparison comparison:
                format.Append(PropertyName(comparison.Property)).Append(' ').Append(Operator(comparison.Operator))
                    .Append(" {").Append(arguments.Count).Append('}');
                arguments.Add(comparison.Value);
                break;
            case TableAnd and:
                Binary(format, arguments, and.Left, "and", and.Right);
                break;
            case TableOr or:
                Binary(format, arguments, or.Left, "or", or.Right);
                break;
            case TableNot not:
                format.Append("not (");
                Append(format, arguments, not.Operand);
                format.Append(')');
                break;
            default:
                throw new ArgumentException($"Unknown filter node {filter.GetType().Name}.", nameof(filter));
        }
    }

    private static void Binary(StringBuilder format, List<object?> arguments, TableFilter left, string op, TableFilter right)
    {
        format.Append('(');
        Append(format, arguments, left);
        format.Append(") ").Append(op).Append(" (");
        Append(format, arguments, right);
        format.Append(')');
    }

    private static bool HasInexact(TableFilter filter) => filter switch
    {
        TableComparison comparison => comparison.Value is long or double or byte[],
        TableAnd and => HasInexact(and.Left) || HasInexact(and.Right),
        TableOr or => HasInexact(or.Left) || HasInexact(or.Right),
        TableNot not => HasInexact(not.Operand),
        _ => false,
    };

    private static IEnumerable<TableFilter> Conjuncts(TableFilter filter) =>
        filter is TableAnd and ? Conjuncts(and.Left).Concat(Conjuncts(and.Right)) : [filter];

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
        return valid
            ? name
            : throw new StorageException(StorageErrorKind.InvalidInput, 400, "InvalidInput",
                $"Filter property name '{name}' is invalid: use letters, digits and underscores, starting with a letter or underscore.");
    }
}
