using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage.Sqlite;

/// <summary>
/// The partition and row key bounds implied by the conjunctions at the top of a filter, so a query seeks the
/// primary-key index instead of scanning the table. The bounds only narrow the scan: every row read is still
/// checked against the whole filter, so they need not capture everything the filter says.
/// </summary>
internal sealed class KeyRange
{
    public KeyBound? PartitionFrom { get; private set; }

    public KeyBound? PartitionTo { get; private set; }

    public KeyBound? RowFrom { get; private set; }

    public KeyBound? RowTo { get; private set; }

    /// <summary>The single partition the filter is confined to, if it is.</summary>
    public string? Partition =>
        PartitionFrom is { Inclusive: true } from && PartitionTo is { Inclusive: true } to && from.Key == to.Key ? from.Key : null;

    public static KeyRange From(TableFilter? filter)
    {
        var range = new KeyRange();
        range.Collect(filter);
        return range;
    }

    private void Collect(TableFilter? filter)
    {
        switch (filter)
        {
            case TableAnd and:
                Collect(and.Left);
                Collect(and.Right);
                break;
            case TableComparison { Property: TableFilterNames.PartitionKey, Value: string key } comparison:
                Apply(comparison.Operator, key, isPartition: true);
                break;
            case TableComparison { Property: TableFilterNames.RowKey, Value: string key } comparison:
                Apply(comparison.Operator, key, isPartition: false);
                break;
            default:
                break;
        }
    }

    private void Apply(TableComparisonOperator op, string key, bool isPartition)
    {
        KeyBound? lower = op switch
        {
            TableComparisonOperator.Equal or TableComparisonOperator.GreaterThanOrEqual => new KeyBound(key, true),
            TableComparisonOperator.GreaterThan => new KeyBound(key, false),
            _ => null,
        };
        KeyBound? upper = op switch
        {
            TableComparisonOperator.Equal or TableComparisonOperator.LessThanOrEqual => new KeyBound(key, true),
            TableComparisonOperator.LessThan => new KeyBound(key, false),
            _ => null,
        };

        if (isPartition)
        {
            PartitionFrom = Tighter(PartitionFrom, lower, lowerEnd: true);
            PartitionTo = Tighter(PartitionTo, upper, lowerEnd: false);
        }
        else
        {
            RowFrom = Tighter(RowFrom, lower, lowerEnd: true);
            RowTo = Tighter(RowTo, upper, lowerEnd: false);
        }
    }

    private static KeyBound? Tighter(KeyBound? current, KeyBound? candidate, bool lowerEnd)
    {
        if (candidate is not { } next)
        {
            return current;
        }

        if (current is not { } existing)
        {
            return next;
        }

        var order = string.CompareOrdinal(next.Key, existing.Key);
        if (order == 0)
        {
            return existing.Inclusive ? next : existing;
        }

        return (order > 0) == lowerEnd ? next : existing;
    }
}
