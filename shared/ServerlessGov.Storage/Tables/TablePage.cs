namespace ServerlessGov.Storage.Tables;

/// <summary>One page of query results and the token to ask for the next (null when there is no more).</summary>
public sealed record TablePage(IReadOnlyList<TableEntity> Items, string? ContinuationToken);
