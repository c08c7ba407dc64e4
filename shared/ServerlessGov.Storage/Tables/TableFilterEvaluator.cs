namespace ServerlessGov.Storage.Tables;

/// <summary>
/// The reference semantics of a <see cref="TableFilter"/>, shared by the adapters: a comparison with a missing
/// property or a value of another type is false (an int never equals a long), strings compare ordinally. An adapter
/// whose server may be laxer (Azure can match an int filter value against a long property) can re-check what it returns.
/// </summary>
internal static class TableFilterEvaluator
{
    public static bool Matches(TableFilter? filter, TableEntity entity) => filter switch
    {
        null => true,
        TableAnd and => Matches(and.Left, entity) && Matches(and.Right, entity),
        TableOr or => Matches(or.Left, entity) || Matches(or.Right, entity),
        TableNot not => !Matches(not.Operand, entity),
        TableComparison comparison => Compare(comparison, entity),
        _ => throw new ArgumentException($"Unknown filter node {filter.GetType().Name}.", nameof(filter)),
    };

    private static bool Compare(TableComparison comparison, TableEntity entity)
    {
        object? actual = comparison.Property switch
        {
            TableFilterNames.PartitionKey => entity.PartitionKey,
            TableFilterNames.RowKey => entity.RowKey,
            TableFilterNames.Timestamp => entity.Timestamp,
            var name => entity[name],
        };

        int? order = (actual, comparison.Value) switch
        {
            (string a, string b) => string.CompareOrdinal(a, b),
            (int a, int b) => a.CompareTo(b),
            (long a, long b) => a.CompareTo(b),
            (double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? null : a.CompareTo(b),
            (bool a, bool b) => a.CompareTo(b),
            (DateTimeOffset a, DateTimeOffset b) => a.UtcTicks.CompareTo(b.UtcTicks),
            (Guid a, Guid b) => string.CompareOrdinal(a.ToString(), b.ToString()),
            (byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b),
            _ => null,
        };

        if (order is not { } o)
        {
            return false;
        }

        return comparison.Operator switch
        {
            TableComparisonOperator.Equal => o == 0,
            TableComparisonOperator.NotEqual => o != 0,
            TableComparisonOperator.GreaterThan => o > 0,
            TableComparisonOperator.GreaterThanOrEqual => o >= 0,
            TableComparisonOperator.LessThan => o < 0,
            TableComparisonOperator.LessThanOrEqual => o <= 0,
            _ => false,
        };
    }
}
