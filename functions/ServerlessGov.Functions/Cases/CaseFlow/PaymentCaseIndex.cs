using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>
/// Which case waits for which payout: written by the payment activity before it pays, read by the bank callback to
/// raise <see cref="CaseEvents.PaymentUpdated"/> on the waiting case (retries pay under new keys, so the key alone
/// does not name the case).
/// </summary>
public sealed class PaymentCaseIndex
{
    /// <summary>The table.</summary>
    public const string TableName = "casepayments";

    private readonly ITable _table;
    private readonly CreateOnFirstUse _tableCreated;

    public PaymentCaseIndex(ITableStore tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(TableName);
        _tableCreated = new CreateOnFirstUse(_table);
    }

    /// <summary>Records that <paramref name="caseInstanceId"/> pays under <paramref name="idempotencyKey"/> (idempotent).</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The store failed.</exception>
    public async Task RecordAsync(string idempotencyKey, string caseInstanceId, CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await _table.UpsertAsync(new TableEntity(PartitionOf(idempotencyKey), idempotencyKey) { ["InstanceId"] = caseInstanceId }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The case paying under <paramref name="idempotencyKey"/>, or null.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The store failed.</exception>
    public async Task<string?> FindAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var row = await _table.GetAsync(PartitionOf(idempotencyKey), idempotencyKey, cancellationToken).ConfigureAwait(false);
        return row?.GetString("InstanceId");
    }

    private static string PartitionOf(string key) => key.Length >= 5 ? key[3..5] : "00";
}
