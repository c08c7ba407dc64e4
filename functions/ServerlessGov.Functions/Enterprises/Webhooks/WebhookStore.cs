using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Enterprises.Webhooks;

/// <summary>The <c>EnterpriseWebhooks</c> table: at most one validated webhook per enterprise (partition = enterprise id).</summary>
public sealed class WebhookStore
{
    private const string TableName = "EnterpriseWebhooks";
    private const string RowKey = "webhook";
    private readonly ITable _table;
    private readonly CreateOnFirstUse _tableCreated;

    /// <summary>Creates the store over the app's tables.</summary>
    public WebhookStore(ITableStore tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(TableName);
        _tableCreated = new CreateOnFirstUse(_table);
    }

    /// <summary>The enterprise's validated webhook, or null when its events go to the topic.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The store failed.</exception>
    public async Task<EnterpriseWebhook?> GetAsync(string enterpriseId, CancellationToken cancellationToken = default)
    {
        var row = await (await TableAsync(cancellationToken).ConfigureAwait(false)).GetAsync(enterpriseId, RowKey, cancellationToken).ConfigureAwait(false);
        return row is null
            ? null
            : new EnterpriseWebhook(enterpriseId, new Uri(row.GetString("Url")!), row.GetString("Handshake")!, row.GetDateTimeOffset("ValidatedAt") ?? DateTimeOffset.MinValue);
    }

    /// <summary>Stores a validated webhook, replacing the previous one.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The store failed.</exception>
    public async Task SaveAsync(EnterpriseWebhook webhook, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertAsync(new TableEntity(webhook.EnterpriseId, RowKey)
        {
            ["Url"] = webhook.Url.AbsoluteUri,
            ["Handshake"] = webhook.Handshake,
            ["ValidatedAt"] = webhook.ValidatedAt,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the enterprise's webhook; its events go to the topic again.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The store failed.</exception>
    public async Task DeleteAsync(string enterpriseId, CancellationToken cancellationToken = default)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        await table.DeleteAsync(enterpriseId, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task<ITable> TableAsync(CancellationToken cancellationToken)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return _table;
    }
}
