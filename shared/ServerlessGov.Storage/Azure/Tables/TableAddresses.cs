using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage.Azure.Tables;

/// <summary>
/// The URLs of one table. Keys go into <c>(PartitionKey='…',RowKey='…')</c> with quotes doubled, then
/// percent-encoded, so no key can break out of its literal.
/// </summary>
/// <remarks>
/// Table names are case-insensitive in Azure. Azurite 3.37 matches them case-insensitively when creating a table but
/// case-sensitively for entity calls, so the adapter always sends the name in lower case: Azure treats it as the same
/// table, and Azurite then agrees with Azure.
/// </remarks>
internal sealed class TableAddresses(Uri serviceUri, string tableName)
{
    private readonly string _service = serviceUri.AbsoluteUri.TrimEnd('/');
    private readonly string _wireName = tableName.ToLowerInvariant();

    public string TableName => tableName;

    public string WireName => _wireName;

    public string Tables() => $"{_service}/Tables";

    public string TableResource() => $"{_service}/Tables('{_wireName}')";

    public string Table() => $"{_service}/{_wireName}";

    public string Query() => $"{_service}/{_wireName}()";

    public string Batch() => $"{_service}/$batch";

    public string Entity(TableEntity entity) => Entity(entity.PartitionKey, entity.RowKey);

    public string Entity(string partitionKey, string rowKey) =>
        $"{_service}/{_wireName}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    internal static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));
}
