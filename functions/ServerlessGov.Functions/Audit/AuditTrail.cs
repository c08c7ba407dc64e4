using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Audit;

/// <summary>
/// An append-only audit trail that cannot be edited silently: each stream is a hash chain in one table partition,
/// appended with an atomic batch (the entry plus the stream head, guarded by the head's ETag), so concurrent
/// appends never fork or leave gaps, and <see cref="VerifyAsync"/> finds any later change to a stored entry.
/// </summary>
public sealed class AuditTrail
{
    /// <summary>The table the trail lives in.</summary>
    public const string TableName = "Audit";

    private const string HeadRowKey = "head";
    private const string Genesis = "genesis";
    private const string ChangePrefix = "c";
    private const int MaxChunkBytes = TableRules.MaxPropertyBytes;
    private const int MaxChunks = 6;
    private const int MaxAttempts = 50;

    private readonly ITable _table;
    private readonly TimeProvider _time;
    private readonly CreateOnFirstUse _tableCreated;

    public AuditTrail(ITableStore tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        _table = tables.GetTable(TableName);
        _tableCreated = new CreateOnFirstUse(_table);
        _time = time;
    }

    /// <summary>Appends an entry to <paramref name="stream"/> and returns it sealed.</summary>
    /// <exception cref="ArgumentException">The stream name is not a valid key, or Before/After is over 384 KiB.</exception>
    /// <exception cref="StorageException">The store failed, or the stream stayed contended for 50 attempts.</exception>
    public async Task<AuditRecord> AppendAsync(string stream, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ValidateStream(stream);
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var head = await _table.GetAsync(stream, HeadRowKey, cancellationToken).ConfigureAwait(false);
            var sequence = (head?.GetInt64("Sequence") ?? 0) + 1;
            var previous = head?.GetString("Hash") ?? Genesis;
            var record = Seal(stream, sequence, _time.GetUtcNow(), entry, previous);

            var newHead = new TableEntity(stream, HeadRowKey) { ["Sequence"] = sequence, ["Hash"] = record.Hash };
            var actions = new List<TableTransactionAction>
            {
                head is null
                    ? new(TableTransactionActionType.Add, newHead)
                    : new(TableTransactionActionType.UpdateReplace, newHead, head.ETag),
                new(TableTransactionActionType.Add, ToEntity(record)),
            };
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return record;
            }
            catch (StorageException ex) when (attempt < MaxAttempts && ex.Kind is StorageErrorKind.PreconditionFailed or StorageErrorKind.AlreadyExists)
            {
                // Another writer appended first; read the new head and try again.
            }
        }
    }

    /// <summary>
    /// Appends an entry once per <paramref name="changeId"/>: a retry after a crash (or a second relay racing the
    /// first) returns the entry already recorded for that change instead of appending a duplicate.
    /// </summary>
    /// <exception cref="ArgumentException">The stream name or change id is not a valid key, or Before/After is over 384 KiB.</exception>
    /// <exception cref="StorageException">The store failed, or the stream stayed contended for 50 attempts.</exception>
    public async Task<AuditRecord> AppendOnceAsync(string stream, string changeId, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ValidateStream(stream);
        ArgumentException.ThrowIfNullOrEmpty(changeId);
        var changeKey = ChangePrefix + changeId;
        ValidateStream(changeKey);
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            if (await FindChangeAsync(stream, changeKey, cancellationToken).ConfigureAwait(false) is { } recorded)
            {
                return recorded;
            }

            var head = await _table.GetAsync(stream, HeadRowKey, cancellationToken).ConfigureAwait(false);
            var sequence = (head?.GetInt64("Sequence") ?? 0) + 1;
            var record = Seal(stream, sequence, _time.GetUtcNow(), entry, head?.GetString("Hash") ?? Genesis);
            var newHead = new TableEntity(stream, HeadRowKey) { ["Sequence"] = sequence, ["Hash"] = record.Hash };
            var actions = new List<TableTransactionAction>
            {
                head is null
                    ? new(TableTransactionActionType.Add, newHead)
                    : new(TableTransactionActionType.UpdateReplace, newHead, head.ETag),
                new(TableTransactionActionType.Add, ToEntity(record)),
                new(TableTransactionActionType.Add, new TableEntity(stream, changeKey) { ["Sequence"] = sequence }),
            };
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return record;
            }
            catch (StorageException ex) when (attempt < MaxAttempts && ex.Kind is StorageErrorKind.PreconditionFailed or StorageErrorKind.AlreadyExists)
            {
                // Another writer appended first (perhaps this very change); look again.
            }
        }
    }

    /// <summary>Reads a stream's entries in order, starting after <paramref name="afterSequence"/>.</summary>
    public async IAsyncEnumerable<AuditRecord> ReadAsync(
        string stream,
        long afterSequence = 0,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ValidateStream(stream);
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var query = TableQuery.RowKeyRange(stream, RowKey(afterSequence + 1), "f");
        await foreach (var entity in _table.QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(entity);
        }
    }

    /// <summary>Re-computes the stream's chain and reports the first entry that was changed, reordered or removed.</summary>
    public async Task<AuditVerification> VerifyAsync(string stream, CancellationToken cancellationToken = default)
    {
        var previous = Genesis;
        long count = 0;
        await foreach (var record in ReadAsync(stream, 0, cancellationToken).ConfigureAwait(false))
        {
            count++;
            if (record.Sequence != count)
            {
                return new AuditVerification(stream, count, count, $"Entry {count} is missing (found {record.Sequence} next).");
            }

            if (record.PreviousHash != previous)
            {
                return new AuditVerification(stream, count, record.Sequence, "The entry does not link to the one before it.");
            }

            var expected = Seal(stream, record.Sequence, record.At, record.Entry, previous).Hash;
            if (record.Hash != expected)
            {
                return new AuditVerification(stream, count, record.Sequence, "The entry's content no longer matches its hash.");
            }

            previous = record.Hash;
        }

        var head = await _table.GetAsync(stream, HeadRowKey, cancellationToken).ConfigureAwait(false);
        if ((head?.GetInt64("Sequence") ?? 0) != count || (head?.GetString("Hash") ?? Genesis) != previous)
        {
            return new AuditVerification(stream, count, count + 1, "Entries after the last one read were removed, or the stream head was changed.");
        }

        return new AuditVerification(stream, count, null, null);
    }

    private async Task<AuditRecord?> FindChangeAsync(string stream, string changeKey, CancellationToken cancellationToken)
    {
        var change = await _table.GetAsync(stream, changeKey, cancellationToken).ConfigureAwait(false);
        if (change?.GetInt64("Sequence") is not { } sequence)
        {
            return null;
        }

        var entity = await _table.GetAsync(stream, RowKey(sequence), cancellationToken).ConfigureAwait(false)
            ?? throw new StorageException(StorageErrorKind.NotFound, 404, "AuditEntryMissing", $"Audit stream {stream} records change {changeKey} at entry {sequence}, which is missing.");
        return FromEntity(entity);
    }

    private static AuditRecord Seal(string stream, long sequence, DateTimeOffset at, AuditEntry entry, string previousHash)
    {
        var canonical = string.Join('\u001f',
            stream,
            sequence.ToString(CultureInfo.InvariantCulture),
            at.UtcTicks.ToString(CultureInfo.InvariantCulture),
            entry.Actor, entry.Role, entry.Action, entry.Target,
            entry.Before is null ? "\u0000" : entry.Before,
            entry.After is null ? "\u0000" : entry.After,
            previousHash);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        return new AuditRecord(stream, sequence, at, entry, previousHash, hash);
    }

    private static TableEntity ToEntity(AuditRecord record)
    {
        var entity = new TableEntity(record.Stream, RowKey(record.Sequence))
        {
            ["Sequence"] = record.Sequence,
            ["At"] = record.At,
            ["Actor"] = record.Entry.Actor,
            ["Role"] = record.Entry.Role,
            ["Action"] = record.Entry.Action,
            ["Target"] = record.Entry.Target,
            ["PreviousHash"] = record.PreviousHash,
            ["Hash"] = record.Hash,
        };
        WriteChunks(entity, "Before", record.Entry.Before);
        WriteChunks(entity, "After", record.Entry.After);
        return entity;
    }

    private static AuditRecord FromEntity(TableEntity entity)
    {
        var entry = new AuditEntry(
            entity.GetString("Actor") ?? string.Empty,
            entity.GetString("Role") ?? string.Empty,
            entity.GetString("Action") ?? string.Empty,
            entity.GetString("Target") ?? string.Empty,
            ReadChunks(entity, "Before"),
            ReadChunks(entity, "After"));
        return new AuditRecord(
            entity.PartitionKey,
            entity.GetInt64("Sequence") ?? 0,
            entity.GetDateTimeOffset("At") ?? default,
            entry,
            entity.GetString("PreviousHash") ?? string.Empty,
            entity.GetString("Hash") ?? string.Empty);
    }

    // Table properties hold at most 64 KiB, so larger JSON is stored as consecutive UTF-8 chunks.
    private static void WriteChunks(TableEntity entity, string name, string? json)
    {
        if (json is null)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(json);
        var chunks = Math.Max(1, (bytes.Length + MaxChunkBytes - 1) / MaxChunkBytes);
        if (chunks > MaxChunks)
        {
            throw new ArgumentException($"{name} is {bytes.Length} bytes; an audit entry keeps at most {MaxChunks * MaxChunkBytes} bytes of it.", name);
        }

        entity[name + "Chunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            var start = i * MaxChunkBytes;
            entity[$"{name}{i}"] = bytes.AsSpan(start, Math.Min(MaxChunkBytes, bytes.Length - start)).ToArray();
        }
    }

    private static string? ReadChunks(TableEntity entity, string name)
    {
        if (entity.GetInt32(name + "Chunks") is not { } chunks)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        for (var i = 0; i < chunks; i++)
        {
            buffer.Write(entity.GetBinary($"{name}{i}") ?? []);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string RowKey(long sequence) => "e" + sequence.ToString("D19", CultureInfo.InvariantCulture);

    private static void ValidateStream(string stream)
    {
        try
        {
            TableRules.ValidateKey(stream, "stream");
        }
        catch (StorageException ex)
        {
            throw new ArgumentException(ex.Message, nameof(stream), ex);
        }
    }
}
