using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Subjects.Registry;

/// <summary>
/// The complete extracts declared to the registry, one row per (source, fact, scope) in one partition of table
/// <see cref="TableName"/>: the newest as-of wins, so a repeated or older declaration changes nothing. Evaluation reads
/// them all at once (they are few) as a <see cref="RegistryCoverage"/>, cached for <see cref="CacheFor"/> (a declaration
/// made in this process is seen at once; one made by another instance within that time).
/// </summary>
internal sealed class CoverageStore
{
    /// <summary>The table of coverage declarations.</summary>
    public const string TableName = "SubjectCoverage";

    /// <summary>How long a process keeps the declarations it read.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private const string Partition = "coverage";
    private const int MaxAttempts = 8;
    private readonly ITable _table;
    private readonly DataDictionary _dictionary;
    private readonly TimeProvider _time;
    private readonly CreateOnFirstUse _tableCreated;
    private volatile Snapshot? _cached;

    public CoverageStore(ITableStore tables, DataDictionary dictionary, TimeProvider time)
    {
        _table = tables.GetTable(TableName);
        _dictionary = dictionary;
        _time = time;
        _tableCreated = new CreateOnFirstUse(_table);
    }

    /// <summary>Records declarations (each already checked against the dictionary); returns how many rows changed.</summary>
    /// <exception cref="StorageException">The store failed, or other writers kept winning the race.</exception>
    public async Task<int> DeclareAsync(IReadOnlyCollection<CoverageDeclaration> declarations, string batchId, CancellationToken cancellationToken)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var changed = 0;
        foreach (var declaration in declarations)
        {
            foreach (var fact in declaration.Facts)
            {
                changed += await DeclareOneAsync(declaration, fact, batchId, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
        }

        _cached = null;
        return changed;
    }

    /// <summary>Every declaration, as evaluation applies them.</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<RegistryCoverage> ReadAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_cached is { } cached && now - cached.ReadAt < CacheFor && now >= cached.ReadAt)
        {
            return cached.Coverage;
        }

        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var declarations = new List<CoverageDeclaration>();
        await foreach (var row in _table.QueryAllAsync(TableQuery.InPartition(Partition), cancellationToken).ConfigureAwait(false))
        {
            var values = JsonSerializer.Deserialize<string[]>(row.GetString(Columns.ScopeValues)!) ?? [];
            var scope = row.GetString(Columns.ScopeFact) is { } scopeFact ? new CoverageScope(scopeFact, values) : CoverageScope.Everyone;
            var declaration = new CoverageDeclaration(row.GetString(Columns.Source)!, [row.GetString(Columns.Fact)!], scope, row.GetDateTimeOffset(Columns.AsOf)!.Value);
            if (CoverageDeclaration.Check(_dictionary, declaration.Source, declaration.Facts, scope.Fact, scope.Values) is null)
            {
                // A declaration the dictionary no longer accepts (a fact renamed, a source no longer complete) is not applied.
                declarations.Add(declaration);
            }
        }

        var coverage = new RegistryCoverage(_dictionary, declarations);
        _cached = new Snapshot(coverage, now);
        return coverage;
    }

    private async Task<bool> DeclareOneAsync(CoverageDeclaration declaration, string fact, string batchId, CancellationToken cancellationToken)
    {
        var rowKey = RowKeyOf(declaration.Source, fact, declaration.Scope);
        for (var attempt = 1; ; attempt++)
        {
            var current = await _table.GetAsync(Partition, rowKey, cancellationToken).ConfigureAwait(false);
            if (current?.GetDateTimeOffset(Columns.AsOf) is { } held && held >= declaration.AsOf)
            {
                return false;
            }

            var entity = new TableEntity(Partition, rowKey)
            {
                [Columns.Source] = declaration.Source,
                [Columns.Fact] = fact,
                [Columns.ScopeFact] = declaration.Scope.Fact,
                [Columns.ScopeValues] = JsonSerializer.Serialize(declaration.Scope.Values),
                [Columns.AsOf] = declaration.AsOf,
                [Columns.DeclaredAt] = _time.GetUtcNow(),
                [Columns.BatchId] = batchId,
            };
            try
            {
                if (current is null)
                {
                    await _table.AddAsync(entity, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _table.UpdateAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return true;
            }
            catch (StorageException ex) when (attempt < MaxAttempts && ex.Kind is StorageErrorKind.AlreadyExists or StorageErrorKind.PreconditionFailed)
            {
                // Another writer declared the same extract meanwhile: read again and keep the newer.
            }
        }
    }

    // Scopes name districts in Chinese: the key is a digest, so it never meets a character table keys refuse.
    private static string RowKeyOf(string source, string fact, CoverageScope scope) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{source}|{fact}|{scope.Key}")), 0, 20);

    private sealed record Snapshot(RegistryCoverage Coverage, DateTimeOffset ReadAt);

    private static class Columns
    {
        public const string Source = "Source";
        public const string Fact = "Fact";
        public const string ScopeFact = "ScopeFact";
        public const string ScopeValues = "ScopeValues";
        public const string AsOf = "AsOf";
        public const string DeclaredAt = "DeclaredAt";
        public const string BatchId = "BatchId";
    }
}
