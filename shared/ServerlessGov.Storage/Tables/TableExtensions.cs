using System.Runtime.CompilerServices;

namespace ServerlessGov.Storage.Tables;

/// <summary>Conveniences over <see cref="ITable"/> that every adapter gets for free.</summary>
public static class TableExtensions
{
    /// <summary>Streams every entity a query matches, following continuation tokens page by page.</summary>
    public static async IAsyncEnumerable<TableEntity> QueryAllAsync(
        this ITable table,
        TableQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(query);
        var next = query;
        while (true)
        {
            var page = await table.QueryAsync(next, cancellationToken).ConfigureAwait(false);
            foreach (var entity in page.Items)
            {
                yield return entity;
            }

            if (page.ContinuationToken is null)
            {
                yield break;
            }

            next = next with { ContinuationToken = page.ContinuationToken };
        }
    }
}
