using ServerlessGov.Domain.Values;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Subjects.Registry;

/// <summary>
/// Which residents have named a household (table <see cref="TableName"/>): a row per (household, resident) in one of
/// <see cref="Partitions"/> partitions chosen by the household, so "one per household" can find every member with one
/// range read. Rows are added as residents' <c>household.id</c> changes and never removed: a reader checks each member's
/// current household, so a resident who moved is skipped.
/// </summary>
internal sealed class HouseholdIndex
{
    /// <summary>The table.</summary>
    public const string TableName = "SubjectHouseholds";

    /// <summary>Few partitions, so an import batch of 100 residents writes a handful of batches, not one per household.</summary>
    public const int Partitions = 16;

    private readonly ITable _table;
    private readonly CreateOnFirstUse _tableCreated;

    public HouseholdIndex(ITableStore tables)
    {
        _table = tables.GetTable(TableName);
        _tableCreated = new CreateOnFirstUse(_table);
    }

    /// <summary>Records that each resident named its household (idempotent).</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task AddAsync(IReadOnlyList<(SubjectId Resident, string Household)> members, CancellationToken cancellationToken)
    {
        if (members.Count == 0)
        {
            return;
        }

        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        foreach (var partition in members.GroupBy(m => PartitionOf(m.Household)))
        {
            foreach (var chunk in partition.DistinctBy(m => RowKey(m.Household, m.Resident)).Chunk(100))
            {
                var actions = chunk.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition.Key, RowKey(m.Household, m.Resident)))).ToList();
                await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Every resident that has named <paramref name="household"/> (some may since have moved).</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<IReadOnlyList<SubjectId>> NamedByAsync(string household, CancellationToken cancellationToken)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var members = new List<SubjectId>();
        await foreach (var row in _table.QueryAllAsync(TableQuery.RowKeyPrefix(PartitionOf(household), household + "|"), cancellationToken).ConfigureAwait(false))
        {
            members.Add(new SubjectId(row.RowKey[(household.Length + 1)..]));
        }

        return members;
    }

    private static string RowKey(string household, SubjectId resident) => household + "|" + resident.Value;

    private static string PartitionOf(string household)
    {
        var hash = 2166136261u;
        foreach (var c in household)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return "m" + (hash % Partitions).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
    }
}
