namespace ServerlessGov.Functions.Cases.Api;

/// <summary>
/// One page of a listing: the items, and the token that fetches the next page (null on the last one). A page may
/// hold fewer items than asked for while more follow: each request reads a bounded number of rows.
/// </summary>
/// <typeparam name="T">What is listed.</typeparam>
/// <param name="Items">The items of this page.</param>
/// <param name="ContinuationToken">Pass as <c>continuation</c> for the next page; null when there is none.</param>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string? ContinuationToken);
