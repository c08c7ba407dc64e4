using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Subjects.Import;

/// <summary>
/// Import jobs and their quarantine in one table, one partition per import: the job row (checkpoint and counters),
/// one row per quarantined line and one per coverage line read (a complete extract declared, held until the import
/// completes), so a checkpoint and the rows it covers commit together.
/// </summary>
public sealed class ImportJobStore
{
    /// <summary>The table of import jobs.</summary>
    public const string TableName = "SubjectImports";

    private const string JobRow = "job";
    private const string QuarantinePrefix = "q";
    private const string CoveragePrefix = "c";
    private readonly ITable _table;
    private readonly TimeProvider _time;
    private readonly CreateOnFirstUse _tableCreated;

    /// <summary>Creates the store over a table store.</summary>
    public ImportJobStore(ITableStore tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        _table = tables.GetTable(TableName);
        _tableCreated = new CreateOnFirstUse(_table);
        _time = time;
    }

    /// <summary>Creates the job when new (status <see cref="ImportStatus.Pending"/>); returns the stored job either way.</summary>
    public async Task<(ImportProgress Progress, ETag ETag)> CreateOrGetAsync(string importId, ImportFormat format, CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var progress = new ImportProgress(importId, format, ImportStatus.Pending, 0, 0, 0, 0, 0, now, now, null, null);
        try
        {
            var etag = await _table.AddAsync(ToEntity(progress), cancellationToken).ConfigureAwait(false);
            return (progress, etag);
        }
        catch (StorageException ex) when (ex.Kind == StorageErrorKind.AlreadyExists)
        {
            return await GetWithETagAsync(importId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Import {importId} vanished while it was being created.", ex);
        }
    }

    /// <summary>The job, or null when there is no such import.</summary>
    public async Task<ImportProgress?> GetAsync(string importId, CancellationToken cancellationToken = default) =>
        (await GetWithETagAsync(importId, cancellationToken).ConfigureAwait(false))?.Progress;

    /// <summary>
    /// Writes quarantine entries and declared extracts and then, atomically with the last of them, the checkpoint. Fails
    /// with <see cref="StorageErrorKind.PreconditionFailed"/> when another run of the same import checkpointed meanwhile.
    /// </summary>
    public async Task<ETag> CheckpointAsync(
        ImportProgress progress, ETag etag, IReadOnlyList<QuarantinedRecord> quarantined, IReadOnlyList<(long Line, CoverageDeclaration Declaration)> declared,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(quarantined);
        ArgumentNullException.ThrowIfNull(declared);
        var rows = quarantined.Select(q => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(progress.ImportId, q)))
            .Concat(declared.Select(d => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(progress.ImportId, d.Line, d.Declaration))))
            .ToList();
        var lastBatch = rows.Count % 99;
        var index = 0;
        while (rows.Count - index > lastBatch)
        {
            await _table.SubmitTransactionAsync(rows.GetRange(index, 99), cancellationToken).ConfigureAwait(false);
            index += 99;
        }

        var final = rows.GetRange(index, rows.Count - index);
        final.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(progress), etag));
        var etags = await _table.SubmitTransactionAsync(final, cancellationToken).ConfigureAwait(false);
        return etags[^1]!.Value;
    }

    /// <summary>The quarantined records of an import in line order, from <paramref name="afterLine"/> on.</summary>
    public async IAsyncEnumerable<QuarantinedRecord> ReadQuarantineAsync(string importId, long afterLine = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var query = TableQuery.RowKeyRange(importId, QuarantineKey(afterLine + 1), QuarantinePrefix + "~");
        await foreach (var row in _table.QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            yield return new QuarantinedRecord(row.GetInt64("Line")!.Value, row.GetString("Field")!, row.GetString("Rule")!);
        }
    }

    /// <summary>The complete extracts an import's coverage lines declared, in line order.</summary>
    public async Task<IReadOnlyList<CoverageDeclaration>> ReadDeclaredAsync(string importId, CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var declared = new List<CoverageDeclaration>();
        await foreach (var row in _table.QueryAllAsync(TableQuery.RowKeyPrefix(importId, CoveragePrefix), cancellationToken).ConfigureAwait(false))
        {
            var scopeFact = row.GetString("ScopeFact");
            var values = JsonSerializer.Deserialize<string[]>(row.GetString("ScopeValues")!) ?? [];
            declared.Add(new CoverageDeclaration(
                row.GetString("Source")!,
                JsonSerializer.Deserialize<string[]>(row.GetString("Facts")!) ?? [],
                scopeFact is null ? CoverageScope.Everyone : new CoverageScope(scopeFact, values),
                row.GetDateTimeOffset("AsOf")!.Value));
        }

        return declared;
    }

    private async Task<(ImportProgress Progress, ETag ETag)?> GetWithETagAsync(string importId, CancellationToken cancellationToken)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var row = await _table.GetAsync(importId, JobRow, cancellationToken).ConfigureAwait(false);
        return row is null ? null : (FromEntity(row), row.ETag);
    }

    private static string QuarantineKey(long line) => QuarantinePrefix + line.ToString("D12", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(string importId, QuarantinedRecord record) => new(importId, QuarantineKey(record.Line))
    {
        ["Line"] = record.Line,
        ["Field"] = record.Field,
        ["Rule"] = record.Rule,
    };

    private static TableEntity ToEntity(string importId, long line, CoverageDeclaration declaration) =>
        new(importId, CoveragePrefix + line.ToString("D12", CultureInfo.InvariantCulture))
        {
            ["Source"] = declaration.Source,
            ["Facts"] = JsonSerializer.Serialize(declaration.Facts),
            ["ScopeFact"] = declaration.Scope.Fact,
            ["ScopeValues"] = JsonSerializer.Serialize(declaration.Scope.Values),
            ["AsOf"] = declaration.AsOf,
        };

    private static TableEntity ToEntity(ImportProgress p) => new(p.ImportId, JobRow)
    {
        ["Declared"] = p.Declared,
        ["Format"] = p.Format.ToString(),
        ["Status"] = p.Status.ToString(),
        ["RecordsRead"] = p.RecordsRead,
        ["Accepted"] = p.Accepted,
        ["Quarantined"] = p.Quarantined,
        ["Line"] = p.Line,
        ["ByteOffset"] = p.ByteOffset,
        ["StartedAt"] = p.StartedAt,
        ["UpdatedAt"] = p.UpdatedAt,
        ["CompletedAt"] = p.CompletedAt,
        ["Failure"] = p.Failure,
    };

    private static ImportProgress FromEntity(TableEntity e) => new(
        e.PartitionKey,
        Enum.Parse<ImportFormat>(e.GetString("Format")!),
        Enum.Parse<ImportStatus>(e.GetString("Status")!),
        e.GetInt64("RecordsRead")!.Value,
        e.GetInt64("Accepted")!.Value,
        e.GetInt64("Quarantined")!.Value,
        e.GetInt64("Line")!.Value,
        e.GetInt64("ByteOffset")!.Value,
        e.GetDateTimeOffset("StartedAt")!.Value,
        e.GetDateTimeOffset("UpdatedAt")!.Value,
        e.GetDateTimeOffset("CompletedAt"),
        e.GetString("Failure"))
    {
        Declared = e.GetInt64("Declared") ?? 0,
    };
}
