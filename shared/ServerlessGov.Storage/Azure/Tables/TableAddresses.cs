using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage.Azure.Tables;

/// <summary>
/// The URLs of one table. Keys go into <c>(PartitionKey='…',RowKey='…')</c> with quotes doubled, then
/// percent-encoded, so no key can break out of its literal.
/// </summary>
internal sealed class TableAddresses(Uri serviceUri, string tableName)
{
    private readonly string _service = serviceUri.AbsoluteUri.TrimEnd('/');

    public string TableName => tableName;

    public string Tables() => $"{_service}/Tables";

    public string TableResource() => $"{_service}/Tables('{tableName}')";

    public string Table() => $"{_service}/{tableName}";

    public string Query() => $"{_service}/{tableName}()";

    public string Batch() => $"{_service}/$batch";

    public string Entity(TableEntity entity) => Entity(entity.PartitionKey, entity.RowKey);

    public string Entity(string partitionKey, string rowKey) =>
        $"{_service}/{tableName}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    internal static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));
}
