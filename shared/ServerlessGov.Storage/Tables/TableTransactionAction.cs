namespace ServerlessGov.Storage.Tables;

/// <summary>The kind of write a batch operation performs.</summary>
public enum TableTransactionActionType
{
    Add,
    UpdateMerge,
    UpdateReplace,
    UpsertMerge,
    UpsertReplace,
    Delete,
}

/// <summary>
/// One operation of an atomic batch. <paramref name="IfMatch"/> makes an update or delete conditional; null means
/// unconditional. All operations of a batch share one partition key and name distinct entities.
/// </summary>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag? IfMatch = null);
