using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage.Sqlite;

/// <summary>
/// The partition and row key bounds a query scan seeks to in the primary-key index. They come from the
/// conjunctions at the top of a filter and from the continuation position. The bounds only narrow the scan: every
/// row read is still checked against the whole filter, so they need not capture everything the filter says.
/// </summary>
internal sealed record KeyRange
{
    public KeyBound? PartitionFrom { get; init; }

    public KeyBound? PartitionTo { get; init; }

    public KeyBound? RowFrom { get; init; }

    public KeyBound? RowTo { get; init; }

    /// <summary>The single partition the range is confined to, if it is.</summary>
    public string? Partition =>
        PartitionFrom is { Inclusive: true } from && PartitionTo is { Inclusive: true } to && from.Key == to.Key ? from.Key : null;

    public static KeyRange From(TableFilter? filter)
    {
        var range = new KeyRange();
        return range.Collect(filter);
    }

    /// <summary>The rest of the partition a previous page stopped in: that partition, after its row key.</summary>
    public KeyRange RestOfPartition(string partitionKey, string afterRowKey) => this with
    {
        PartitionFrom = Tighter(PartitionFrom, new KeyBound(partitionKey, true), lowerEnd: true),
        PartitionTo = Tighter(PartitionTo, new KeyBound(partitionKey, true), lowerEnd: false),
        RowFrom = Tighter(RowFrom, new KeyBound(afterRowKey, false), lowerEnd: true),
    };

    /// <summary>The partitions after the one a previous page stopped in.</summary>
    public KeyRange LaterPartitions(string afterPartitionKey) => this with
    {
        PartitionFrom = Tighter(PartitionFrom, new KeyBound(afterPartitionKey, false), lowerEnd: true),
    };

    private KeyRange Collect(TableFilter? filter) => filter switch
    {
        TableAnd and => Collect(and.Left).Collect(and.Right),
        TableComparison { Property: TableFilterNames.PartitionKey, Value: string key } comparison =>
            this with
            {
                PartitionFrom = Tighter(PartitionFrom, Lower(comparison.Operator, key), lowerEnd: true),
                PartitionTo = Tighter(PartitionTo, Upper(comparison.Operator, key), lowerEnd: false),
            },
        TableComparison { Property: TableFilterNames.RowKey, Value: string key } comparison =>
            this with
            {
                RowFrom = Tighter(RowFrom, Lower(comparison.Operator, key), lowerEnd: true),
                RowTo = Tighter(RowTo, Upper(comparison.Operator, key), lowerEnd: false),
            },
        _ => this,
    };

    private static KeyBound? Lower(TableComparisonOperator op, string key) => op switch
    {
        TableComparisonOperator.Equal or TableComparisonOperator.GreaterThanOrEqual => new KeyBound(key, true),
        TableComparisonOperator.GreaterThan => new KeyBound(key, false),
        _ => null,
    };

    private static KeyBound? Upper(TableComparisonOperator op, string key) => op switch
    {
        TableComparisonOperator.Equal or TableComparisonOperator.LessThanOrEqual => new KeyBound(key, true),
        TableComparisonOperator.LessThan => new KeyBound(key, false),
        _ => null,
    };

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
