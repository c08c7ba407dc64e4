using System.Security.Cryptography;
using System.Text;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Cases.Limits;

/// <summary>
/// Holds "one per household / one per couple" and exclusion-group limits across cases: each limit is a slot (a row)
/// that the first case to claim it holds for good; a case repeating its claim finds its own name and still holds it.
/// Inserts are unique in the store, so two cases racing for one slot never both win.
/// </summary>
public sealed class BeneficiarySlots
{
    /// <summary>The table.</summary>
    public const string TableName = "beneficiaryslots";

    private readonly ITable _table;
    private readonly CreateOnFirstUse _tableCreated;

    public BeneficiarySlots(ITableStore tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(TableName);
        _tableCreated = new CreateOnFirstUse(_table);
    }

    /// <summary>True when the case holds every slot it asks for; false (and none held) when another case holds one.</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<bool> ClaimAsync(SlotClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);

        var taken = new List<TableEntity>();
        foreach (var slot in claim.Slots)
        {
            var row = RowOf(slot);
            var entity = new TableEntity(row[..2], row) { ["CaseInstanceId"] = claim.CaseInstanceId };
            try
            {
                await _table.AddAsync(entity, cancellationToken).ConfigureAwait(false);
                taken.Add(entity);
            }
            catch (StorageException ex) when (ex.Kind == StorageErrorKind.AlreadyExists)
            {
                var holder = await _table.GetAsync(entity.PartitionKey, entity.RowKey, cancellationToken).ConfigureAwait(false);
                if (holder?.GetString("CaseInstanceId") == claim.CaseInstanceId)
                {
                    continue;
                }

                foreach (var mine in taken)
                {
                    await _table.DeleteAsync(mine.PartitionKey, mine.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                return false;
            }
        }

        return true;
    }

    // Slots name households and subjects: stored only as digests.
    private static string RowOf(string slot) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(slot)), 0, 20);
}
