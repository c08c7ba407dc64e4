using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Enterprises;

/// <summary>
/// The <c>EnterpriseOptOuts</c> table: an enterprise's opt-outs, of everything (<see cref="AllCategories"/>) or of one
/// category. Read at send time, so an opt-out holds from the next message on.
/// </summary>
public sealed class OptOutStore
{
    /// <summary>The category that stands for every notification.</summary>
    public const string AllCategories = "all";

    private const string TableName = "EnterpriseOptOuts";
    private readonly ITable _table;
    private readonly CreateOnFirstUse _tableCreated;
    private readonly TimeProvider _time;

    /// <summary>Creates the store over the app's tables.</summary>
    public OptOutStore(ITableStore tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        _table = tables.GetTable(TableName);
        _tableCreated = new CreateOnFirstUse(_table);
        _time = time;
    }

    /// <summary>Opts <paramref name="enterpriseId"/> out of <paramref name="category"/> (or of everything).</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task OptOutAsync(string enterpriseId, string category, CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await _table.UpsertAsync(new TableEntity(enterpriseId, category) { ["Since"] = _time.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opts <paramref name="enterpriseId"/> back in to <paramref name="category"/>.</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task OptInAsync(string enterpriseId, string category, CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await _table.DeleteAsync(enterpriseId, category, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Why <paramref name="enterpriseId"/> must not get a <paramref name="category"/> notification, or null when it may.</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<string?> RefusalAsync(string enterpriseId, string category, CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        if (await _table.GetAsync(enterpriseId, AllCategories, cancellationToken).ConfigureAwait(false) is not null)
        {
            return "the enterprise opted out of all notifications";
        }

        return await _table.GetAsync(enterpriseId, category, cancellationToken).ConfigureAwait(false) is not null
            ? $"the enterprise opted out of category '{category}'"
            : null;
    }

    /// <summary>The categories the enterprise has opted out of (<see cref="AllCategories"/> among them when it opted out of everything).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string enterpriseId, CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var categories = new List<string>();
        await foreach (var row in _table.QueryAllAsync(TableQuery.InPartition(enterpriseId), cancellationToken).ConfigureAwait(false))
        {
            categories.Add(row.RowKey);
        }

        return categories;
    }
}
