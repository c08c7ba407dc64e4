namespace ServerlessGov.Storage.Tables;

/// <summary>
/// One page request of a table query. Results come in (PartitionKey, RowKey) ordinal order. A page may hold fewer
/// entities than <see cref="PageSize"/>, even none, and still carry a continuation token: keep reading until the
/// token is null.
/// </summary>
/// <param name="Filter">The typed filter; null returns every entity.</param>
/// <param name="PageSize">At most this many entities per page (1–1,000; null means 1,000).</param>
/// <param name="ContinuationToken">The token of the previous page, or null for the first page.</param>
public sealed record TableQuery(TableFilter? Filter = null, int? PageSize = null, string? ContinuationToken = null)
{
    /// <summary>The largest page a store returns, as in Azure Table storage.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Every entity of one partition.</summary>
    public static TableQuery InPartition(string partitionKey, int? pageSize = null) =>
        new(TableFilter.Equal(TableFilterNames.PartitionKey, partitionKey), pageSize);

    /// <summary>The entities of one partition whose row key is in [<paramref name="fromInclusive"/>, <paramref name="toExclusive"/>).</summary>
    public static TableQuery RowKeyRange(string partitionKey, string fromInclusive, string toExclusive, int? pageSize = null) =>
        new(TableFilter.Equal(TableFilterNames.PartitionKey, partitionKey)
            & TableFilter.GreaterThanOrEqual(TableFilterNames.RowKey, fromInclusive)
            & TableFilter.LessThan(TableFilterNames.RowKey, toExclusive), pageSize);

    /// <summary>The entities of one partition whose row key starts with <paramref name="prefix"/>.</summary>
    public static TableQuery RowKeyPrefix(string partitionKey, string prefix, int? pageSize = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return RowKeyRange(partitionKey, prefix, prefix + '\uffff', pageSize);
    }
}

/// <summary>The names of the system properties a filter can compare.</summary>
public static class TableFilterNames
{
    public const string PartitionKey = "PartitionKey";
    public const string RowKey = "RowKey";
    public const string Timestamp = "Timestamp";
}
