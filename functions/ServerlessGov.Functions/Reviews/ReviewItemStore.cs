using System.Text.Json;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// Review items in the <c>ReviewItems</c> table, one row per item (partition = item id), written with ETag
/// conditions so two writers never both win.
/// </summary>
internal sealed class ReviewItemStore
{
    public const string TableName = "ReviewItems";
    private const string RowKey = "item";

    private readonly ITable _table;
    private readonly CreateOnFirstUse _tableCreated;

    public ReviewItemStore(ITableStore tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(TableName);
        _tableCreated = new CreateOnFirstUse(_table);
    }

    /// <summary>Adds a new item and returns it with its ETag; null when one with the id exists already.</summary>
    public async Task<ReviewItem?> TryAddAsync(ReviewItem item, CancellationToken cancellationToken)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var etag = await _table.AddAsync(ToEntity(item), cancellationToken).ConfigureAwait(false);
            return item with { ETag = etag.ToString() };
        }
        catch (StorageException ex) when (ex.Kind == StorageErrorKind.AlreadyExists)
        {
            return null;
        }
    }

    public async Task<ReviewItem?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var entity = await _table.GetAsync(id, RowKey, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : FromEntity(entity);
    }

    /// <summary>Replaces the item if it still has <paramref name="item"/>'s ETag; returns it with the new one.</summary>
    /// <exception cref="ReviewConflictException">Someone else wrote the item first.</exception>
    public async Task<ReviewItem> ReplaceAsync(ReviewItem item, CancellationToken cancellationToken)
    {
        try
        {
            var etag = await _table.UpdateAsync(ToEntity(item), new ETag(item.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return item with { ETag = etag.ToString() };
        }
        catch (StorageException ex) when (ex.Kind is StorageErrorKind.PreconditionFailed or StorageErrorKind.NotFound)
        {
            throw new ReviewConflictException($"Review item {item.Id} was changed by someone else; reload it and try again.", ex);
        }
    }

    /// <summary>Every item (open and decided); the worklist and the report filter in memory.</summary>
    public async IAsyncEnumerable<ReviewItem> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in _table.QueryAllAsync(new TableQuery(), cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(entity);
        }
    }

    private static TableEntity ToEntity(ReviewItem item) => new(item.Id, RowKey)
    {
        ["Data"] = JsonSerializer.Serialize(item, ReviewJson.Options),
        ["State"] = item.State.ToString(),
        ["Group"] = item.Group,
    };

    private static ReviewItem FromEntity(TableEntity entity) =>
        JsonSerializer.Deserialize<ReviewItem>(entity.GetString("Data")!, ReviewJson.Options)! with { ETag = entity.ETag.ToString() };
}
