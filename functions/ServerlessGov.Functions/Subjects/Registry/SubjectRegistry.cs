using System.Runtime.CompilerServices;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Values;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Subjects.Registry;

/// <summary>
/// The subject registry on the table port. Table <see cref="SubjectsTable"/> holds one entity per subject (partition
/// = kind and shard, row = pseudonymous id) whose observations are one compact JSON property; table
/// <see cref="IdentitiesTable"/> holds the raw identity number, once, in the same layout and nowhere else. The complete
/// extracts sources declared are in <see cref="CoverageStore.TableName"/>, and which residents named which household in
/// <see cref="HouseholdIndex.TableName"/>.
/// </summary>
public sealed class SubjectRegistry : ISubjectFactsReader
{
    /// <summary>The table of subjects and their facts.</summary>
    public const string SubjectsTable = "Subjects";

    /// <summary>The one table that holds raw identity numbers.</summary>
    public const string IdentitiesTable = "SubjectIdentities";

    /// <summary>The most subjects one <see cref="ApplyAsync"/> call may carry (a table batch).</summary>
    public const int MaxBatch = 100;

    private const int MaxAttempts = 8;
    private readonly ITable _subjects;
    private readonly ITable _identities;
    private readonly DataDictionary _dictionary;
    private readonly TimeProvider _time;
    private readonly CoverageStore _coverage;
    private readonly HouseholdIndex _households;
    private Task? _created;

    /// <summary>Creates the registry over a table store.</summary>
    public SubjectRegistry(ITableStore tables, TimeProvider time, DataDictionary? dictionary = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        _subjects = tables.GetTable(SubjectsTable);
        _identities = tables.GetTable(IdentitiesTable);
        _dictionary = dictionary ?? DataDictionary.Default;
        _time = time;
        _coverage = new CoverageStore(tables, _dictionary, time);
        _households = new HouseholdIndex(tables);
    }

    /// <inheritdoc />
    public int ShardCount => SubjectShards.Count;

    /// <summary>The data dictionary observations are checked against.</summary>
    public DataDictionary Dictionary => _dictionary;

    /// <summary>Creates the registry's tables when missing (once per instance; every other call does it first).</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        var created = _created;
        if (created is { IsCompletedSuccessfully: true })
        {
            return created;
        }

        return _created = CreateTablesAsync(cancellationToken);
    }

    private async Task CreateTablesAsync(CancellationToken cancellationToken)
    {
        await _subjects.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await _identities.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SubjectRecord> ReadShardAsync(SubjectKind kind, int shard, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var partition = SubjectShards.PartitionKey(kind, shard);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in _subjects.QueryAllAsync(TableQuery.InPartition(partition), cancellationToken).ConfigureAwait(false))
        {
            yield return ToRecord(entity);
        }
    }

    /// <inheritdoc />
    public async Task<SubjectRecord?> GetAsync(SubjectId subject, CancellationToken cancellationToken = default)
    {
        if (!SubjectShards.TryKindOf(subject, out _))
        {
            return null;
        }

        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = await _subjects.GetAsync(SubjectShards.PartitionKey(subject), subject.Value, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToRecord(entity);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SubjectRecord> ReadHouseholdAsync(string household, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(household);
        foreach (var member in await _households.NamedByAsync(household, cancellationToken).ConfigureAwait(false))
        {
            if (await GetAsync(member, cancellationToken).ConfigureAwait(false) is { } record && HouseholdOf(record.Facts) == household)
            {
                yield return record;
            }
        }
    }

    /// <inheritdoc />
    public Task<RegistryCoverage> GetCoverageAsync(CancellationToken cancellationToken = default) => _coverage.ReadAsync(cancellationToken);

    /// <summary>
    /// Records complete extracts a source declared (each checked with <see cref="CoverageDeclaration.Check"/>): per
    /// (source, fact, scope) the newest as-of wins. Returns how many (source, fact, scope) rows changed.
    /// </summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public Task<int> DeclareCoverageAsync(IReadOnlyCollection<CoverageDeclaration> declarations, string batchId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        ArgumentException.ThrowIfNullOrEmpty(batchId);
        return _coverage.DeclareAsync(declarations, batchId, cancellationToken);
    }

    /// <summary>A subject with the provenance of every observation, or null when unknown.</summary>
    public async Task<StoredSubject?> GetStoredAsync(SubjectId subject, CancellationToken cancellationToken = default)
    {
        if (!SubjectShards.TryKindOf(subject, out var kind))
        {
            return null;
        }

        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = await _subjects.GetAsync(SubjectShards.PartitionKey(subject), subject.Value, cancellationToken).ConfigureAwait(false);
        return entity is null
            ? null
            : new StoredSubject(subject, kind, ObservationCodec.Decode(entity.GetString(Columns.Facts)!, _dictionary), entity.GetDateTimeOffset(Columns.UpdatedAt));
    }

    /// <summary>The subject's identity number in masked form (e.g. <c>3301**********123X</c>), or null when unknown.</summary>
    public async Task<string?> GetMaskedIdentifierAsync(SubjectId subject, CancellationToken cancellationToken = default)
    {
        if (!SubjectShards.TryKindOf(subject, out _))
        {
            return null;
        }

        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = await _identities.GetAsync(SubjectShards.PartitionKey(subject), subject.Value, cancellationToken).ConfigureAwait(false);
        return entity?.GetString(Columns.Identifier) is { } identifier ? SubjectIdentifiers.Mask(identifier) : null;
    }

    /// <summary>
    /// Merges updates for subjects of one partition (newest as-of per fact and source wins) atomically per table, and
    /// says what changed. Applying the same updates again changes nothing. Safe against concurrent writers (ETags).
    /// </summary>
    /// <exception cref="ArgumentException">The updates span partitions or more than <see cref="MaxBatch"/> subjects.</exception>
    /// <exception cref="StorageException">The store failed, or other writers kept winning the race.</exception>
    public async Task<IReadOnlyList<SubjectChange>> ApplyAsync(IReadOnlyList<SubjectUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            return [];
        }

        var partition = SubjectShards.PartitionKey(updates[0].Id);
        var bySubject = new Dictionary<SubjectId, (SubjectUpdate First, List<StoredObservation> Observations)>();
        foreach (var update in updates)
        {
            if (SubjectShards.PartitionKey(update.Id) != partition)
            {
                throw new ArgumentException("All updates of one call must be for subjects of one partition.", nameof(updates));
            }

            if (bySubject.TryGetValue(update.Id, out var existing))
            {
                existing.Observations.AddRange(update.Observations);
                if (existing.First.Identifier is null && update.Identifier is not null)
                {
                    bySubject[update.Id] = (update, existing.Observations);
                }
            }
            else
            {
                bySubject[update.Id] = (update, [.. update.Observations]);
            }
        }

        if (bySubject.Count > MaxBatch)
        {
            throw new ArgumentException($"At most {MaxBatch} subjects can be applied in one call.", nameof(updates));
        }

        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await WriteIdentitiesAsync(partition, bySubject.Values.Select(v => v.First), cancellationToken).ConfigureAwait(false);
        var households = new List<(SubjectId, string)>();
        var changes = await TryCreateAllAsync(bySubject, households, cancellationToken).ConfigureAwait(false)
            ?? await MergeAsync(partition, bySubject, households, cancellationToken).ConfigureAwait(false);

        // After the subjects: a member the index names but whose write failed is skipped by readers, while a member
        // written but not yet indexed is indexed when its batch is applied again.
        await _households.AddAsync(households, cancellationToken).ConfigureAwait(false);
        return changes;
    }

    private async Task WriteIdentitiesAsync(string partition, IEnumerable<SubjectUpdate> updates, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        foreach (var update in updates)
        {
            if (update.Identifier is null)
            {
                continue;
            }

            var entity = new TableEntity(partition, update.Id.Value)
            {
                [Columns.Kind] = SubjectIdentifiers.Name(update.Kind),
                [Columns.Identifier] = update.Identifier,
            };
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
        }

        if (actions.Count > 0)
        {
            await _identities.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
    }

    // The fast path of a first import: every subject is new, so one insert batch writes them all. Any subject that
    // already exists fails the whole batch (nothing applied) and the caller merges instead.
    private async Task<IReadOnlyList<SubjectChange>?> TryCreateAllAsync(
        Dictionary<SubjectId, (SubjectUpdate First, List<StoredObservation> Observations)> bySubject, List<(SubjectId, string)> households, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var actions = new List<TableTransactionAction>(bySubject.Count);
        var changes = new List<SubjectChange>(bySubject.Count);
        foreach (var (id, (first, observations)) in bySubject)
        {
            var stored = new List<StoredObservation>(observations.Count);
            var changed = ObservationMerge.Into(stored, observations);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToEntity(id, first.Kind, stored, now)));
            changes.Add(new SubjectChange(id, first.Kind, changed, Created: true));
            NoteHousehold(id, stored, changed, households);
        }

        try
        {
            await _subjects.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return changes;
        }
        catch (StorageException ex) when (ex.Kind == StorageErrorKind.AlreadyExists)
        {
            households.Clear();
            return null;
        }
    }

    // A resident whose household changed is indexed under the household its authoritative record now names.
    private void NoteHousehold(SubjectId id, List<StoredObservation> stored, IReadOnlyList<string> changed, List<(SubjectId, string)> households)
    {
        if (changed.Contains(HouseholdFact) && HouseholdOf(stored.Select(o => o.ToFactValue())) is { } household)
        {
            households.Add((id, household));
        }
    }

    private const string HouseholdFact = "household.id";

    private string? HouseholdOf(IEnumerable<Domain.Evaluation.FactValue> facts)
    {
        var fact = _dictionary.GetFact(HouseholdFact);
        return facts.Where(f => f.Fact == HouseholdFact && _dictionary.TryGetSource(f.Source, out var source) && fact.IsAuthoritative(source.Id))
            .MaxBy(f => f.AsOf)?.Value.AsText;
    }

    private async Task<IReadOnlyList<SubjectChange>> MergeAsync(
        string partition, Dictionary<SubjectId, (SubjectUpdate First, List<StoredObservation> Observations)> bySubject, List<(SubjectId, string)> households, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            households.Clear();
            var ids = bySubject.Keys.ToArray();
            var current = await Task.WhenAll(ids.Select(id => _subjects.GetAsync(partition, id.Value, cancellationToken))).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var actions = new List<TableTransactionAction>();
            var changes = new List<SubjectChange>(ids.Length);
            for (var i = 0; i < ids.Length; i++)
            {
                var (first, observations) = bySubject[ids[i]];
                var stored = current[i] is { } entity ? ObservationCodec.Decode(entity.GetString(Columns.Facts)!, _dictionary) : [];
                var changed = ObservationMerge.Into(stored, observations);
                changes.Add(new SubjectChange(ids[i], first.Kind, changed, Created: current[i] is null));
                NoteHousehold(ids[i], stored, changed, households);
                if (changed.Count == 0 && current[i] is not null)
                {
                    continue;
                }

                var replacement = ToEntity(ids[i], first.Kind, stored, now);
                actions.Add(current[i] is { } old
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, replacement, old.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, replacement));
            }

            if (actions.Count == 0)
            {
                return changes;
            }

            try
            {
                await _subjects.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return changes;
            }
            catch (StorageException ex) when (attempt < MaxAttempts && ex.Kind is StorageErrorKind.PreconditionFailed or StorageErrorKind.AlreadyExists)
            {
                // Another writer changed one of these subjects since we read it: read again and merge on top.
            }
        }
    }

    private static TableEntity ToEntity(SubjectId id, SubjectKind kind, IReadOnlyList<StoredObservation> observations, DateTimeOffset now) =>
        new(SubjectShards.PartitionKey(id), id.Value)
        {
            [Columns.Kind] = SubjectIdentifiers.Name(kind),
            [Columns.Facts] = ObservationCodec.Encode(observations),
            [Columns.UpdatedAt] = now,
        };

    private SubjectRecord ToRecord(TableEntity entity)
    {
        var id = new SubjectId(entity.RowKey);
        var observations = ObservationCodec.Decode(entity.GetString(Columns.Facts)!, _dictionary);
        var facts = new Domain.Evaluation.FactValue[observations.Count];
        for (var i = 0; i < facts.Length; i++)
        {
            facts[i] = observations[i].ToFactValue();
        }

        return new SubjectRecord(id, SubjectShards.KindOf(id), facts);
    }

    private static class Columns
    {
        public const string Kind = "Kind";
        public const string Facts = "Facts";
        public const string UpdatedAt = "UpdatedAt";
        public const string Identifier = "Identifier";
    }
}
