using System.Globalization;
using System.Runtime.CompilerServices;
using ServerlessGov.Functions.Audit;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Policies.Storage;

/// <summary>
/// The policy table: one partition per policy holding its draft, its published versions, a head row naming the
/// latest version, and pending changes. Every change to a policy is one atomic batch in its partition that also
/// adds a pending change, so the audit entry and the announcement can never be lost after the commit.
/// </summary>
internal sealed class PolicyStore
{
    /// <summary>The table the lifecycle lives in.</summary>
    public const string TableName = "Policies";

    private const string DraftRow = "draft";
    private const string HeadRow = "head";
    private const string VersionPrefix = "v";
    private const string ChangePrefix = "change-";

    private readonly ITable _table;
    private readonly CreateOnFirstUse _tableCreated;

    public PolicyStore(ITableStore tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTable(TableName);
        _tableCreated = new CreateOnFirstUse(_table);
    }

    public async Task<StoredDraft?> GetDraftAsync(string policyId, CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var entity = await _table.GetAsync(policyId, DraftRow, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToDraft(entity);
    }

    public async Task<StoredVersion?> GetVersionAsync(string policyId, int version, CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var entity = await _table.GetAsync(policyId, VersionRow(version), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToVersion(entity);
    }

    /// <summary>The latest published version number (0 when none) and the head row's ETag (null when there is no head yet).</summary>
    public async Task<(int Latest, ETag? HeadETag)> GetHeadAsync(string policyId, CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var head = await _table.GetAsync(policyId, HeadRow, cancellationToken).ConfigureAwait(false);
        return head is null ? (0, null) : (head.GetInt32("Latest") ?? 0, head.ETag);
    }

    /// <summary>One policy's published versions, oldest first.</summary>
    public async IAsyncEnumerable<StoredVersion> ListVersionsAsync(string policyId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in _table.QueryAllAsync(TableQuery.RowKeyPrefix(policyId, VersionPrefix), cancellationToken).ConfigureAwait(false))
        {
            yield return ToVersion(entity);
        }
    }

    /// <summary>Every published version of every policy, by policy then version (a scan: the table holds dozens of policies, not millions).</summary>
    public async IAsyncEnumerable<StoredVersion> ListAllVersionsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in _table.QueryAllAsync(RowKeysStartingWith(VersionPrefix), cancellationToken).ConfigureAwait(false))
        {
            yield return ToVersion(entity);
        }
    }

    /// <summary>Every draft of every policy.</summary>
    public async IAsyncEnumerable<StoredDraft> ListDraftsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var query = new TableQuery(TableFilter.Equal(TableFilterNames.RowKey, DraftRow));
        await foreach (var entity in _table.QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            yield return ToDraft(entity);
        }
    }

    /// <summary>Pending changes, of one policy or (null) of all, oldest first within a policy.</summary>
    public async IAsyncEnumerable<PendingChange> ListPendingChangesAsync(string? policyId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var query = policyId is null ? RowKeysStartingWith(ChangePrefix) : TableQuery.RowKeyPrefix(policyId, ChangePrefix);
        await foreach (var entity in _table.QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            yield return ToChange(entity);
        }
    }

    public async Task DeletePendingChangeAsync(PendingChange change, CancellationToken cancellationToken = default)
    {
        await _table.DeleteAsync(change.PolicyId, ChangePrefix + change.ChangeId, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public static TableTransactionAction AddDraft(StoredDraft draft) => new(TableTransactionActionType.Add, DraftEntity(draft));

    public static TableTransactionAction ReplaceDraft(StoredDraft draft, ETag ifMatch) => new(TableTransactionActionType.UpdateReplace, DraftEntity(draft), ifMatch);

    public static TableTransactionAction DeleteDraft(string policyId, ETag ifMatch) => new(TableTransactionActionType.Delete, new TableEntity(policyId, DraftRow), ifMatch);

    public static TableTransactionAction AddVersion(StoredVersion version) => new(TableTransactionActionType.Add, VersionEntity(version));

    /// <summary>Records retirement on a version row; a merge that leaves the document untouched.</summary>
    public static TableTransactionAction Retire(StoredVersion version, DateTimeOffset at, string by, string reason) =>
        new(TableTransactionActionType.UpdateMerge,
            new TableEntity(version.PolicyId, VersionRow(version.Version)) { ["RetiredAt"] = at, ["RetiredBy"] = by, ["RetireReason"] = reason },
            version.StoreETag);

    public static TableTransactionAction SetHead(string policyId, int latest, ETag? ifMatch)
    {
        var head = new TableEntity(policyId, HeadRow) { ["Latest"] = latest };
        return ifMatch is { } etag
            ? new(TableTransactionActionType.UpdateReplace, head, etag)
            : new(TableTransactionActionType.Add, head);
    }

    /// <summary>Commits a policy's state change and its pending change atomically.</summary>
    /// <exception cref="StorageException"><see cref="StorageErrorKind.PreconditionFailed"/>, <see cref="StorageErrorKind.AlreadyExists"/> or <see cref="StorageErrorKind.NotFound"/> when another writer got there first; nothing is applied.</exception>
    public async Task CommitAsync(IReadOnlyList<TableTransactionAction> actions, PendingChange change, CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(change.PolicyId, ChangePrefix + change.ChangeId)
        {
            ["Actor"] = change.Entry.Actor,
            ["Role"] = change.Entry.Role,
            ["Action"] = change.Entry.Action,
            ["Target"] = change.Entry.Target,
            ["At"] = change.At,
            ["AnnouncedVersion"] = change.AnnouncedVersion,
        };
        LargeText.Write(entity, "Before", change.Entry.Before);
        LargeText.Write(entity, "After", change.Entry.After);
        await _table.SubmitTransactionAsync([.. actions, new TableTransactionAction(TableTransactionActionType.Add, entity)], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A change id that sorts by time within a policy, so pending changes are relayed in the order they were made.</summary>
    public static string NewChangeId(DateTimeOffset at) =>
        at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");

    private static TableQuery RowKeysStartingWith(string prefix) =>
        new(TableFilter.GreaterThanOrEqual(TableFilterNames.RowKey, prefix) & TableFilter.LessThan(TableFilterNames.RowKey, prefix + '\uffff'));

    private static string VersionRow(int version) => VersionPrefix + version.ToString("D10", CultureInfo.InvariantCulture);

    private static TableEntity DraftEntity(StoredDraft draft)
    {
        var entity = new TableEntity(draft.PolicyId, DraftRow)
        {
            ["Revision"] = draft.Revision,
            ["UpdatedAt"] = draft.UpdatedAt,
            ["UpdatedBy"] = draft.UpdatedBy,
        };
        LargeText.Write(entity, "Json", draft.Json);
        return entity;
    }

    private static TableEntity VersionEntity(StoredVersion version)
    {
        var entity = new TableEntity(version.PolicyId, VersionRow(version.Version))
        {
            ["Version"] = version.Version,
            ["PublishedAt"] = version.PublishedAt,
            ["PublishedBy"] = version.PublishedBy,
        };
        LargeText.Write(entity, "Json", version.Json);
        return entity;
    }

    private static StoredDraft ToDraft(TableEntity entity) => new(
        entity.PartitionKey,
        LargeText.Read(entity, "Json") ?? string.Empty,
        entity.GetString("Revision") ?? string.Empty,
        entity.GetDateTimeOffset("UpdatedAt") ?? default,
        entity.GetString("UpdatedBy") ?? string.Empty,
        entity.ETag);

    private static StoredVersion ToVersion(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetInt32("Version") ?? 0,
        LargeText.Read(entity, "Json") ?? string.Empty,
        entity.GetDateTimeOffset("PublishedAt") ?? default,
        entity.GetString("PublishedBy") ?? string.Empty,
        entity.GetDateTimeOffset("RetiredAt"),
        entity.GetString("RetiredBy"),
        entity.GetString("RetireReason"),
        entity.ETag);

    private static PendingChange ToChange(TableEntity entity) => new(
        entity.PartitionKey,
        entity.RowKey[ChangePrefix.Length..],
        new AuditEntry(
            entity.GetString("Actor") ?? string.Empty,
            entity.GetString("Role") ?? string.Empty,
            entity.GetString("Action") ?? string.Empty,
            entity.GetString("Target") ?? string.Empty,
            LargeText.Read(entity, "Before"),
            LargeText.Read(entity, "After")),
        entity.GetInt32("AnnouncedVersion"),
        entity.GetDateTimeOffset("At") ?? default);
}
