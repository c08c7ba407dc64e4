using Microsoft.Extensions.Options;
using ServerlessGov.Domain.Values;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Payouts;

/// <summary>
/// The payout ledger: one record per (policy, beneficiary, period), ever. The row key is the payout's
/// <see cref="PayoutKey.LedgerId"/>, which depends on no secret, so a second registration of the same payout finds the
/// first instead of adding one, whatever secret keyed its idempotency key; the record keeps the idempotency key it was
/// registered with, and an index row per key lets a bank callback find it. Every change is a conditional write on the
/// record's ETag, so of two writers racing from the same version only one wins.
/// </summary>
/// <remarks>Thread-safe; works on any <see cref="ITableStore"/> adapter.</remarks>
public sealed class PayoutLedger
{
    private readonly ITable _table;
    private readonly TimeProvider _time;
    private readonly PayoutKeySigner _keys;
    private readonly CreateOnFirstUse _tableCreated;

    public PayoutLedger(ITableStore tables, IOptions<PayoutOptions> options, PayoutKeySigner keys, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        _table = tables.GetTable(options.Value.LedgerTable);
        _tableCreated = new CreateOnFirstUse(_table);
        _keys = keys;
        _time = time;
    }

    /// <summary>
    /// Records the payout in state <see cref="PayoutState.Pending"/>, or returns the record that already exists for
    /// its key, unchanged (<see cref="PayoutRegistration.Created"/> false): a re-run or a new policy version never
    /// opens a second payout, and never changes the amount of the first.
    /// </summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<PayoutRegistration> RegisterAsync(PayoutRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var record = new PayoutRecord
        {
            Key = request.Key,
            IdempotencyKey = _keys.IdempotencyKeyFor(request.Key),
            Amount = request.Amount,
            Payee = request.Payee,
            Purpose = request.Purpose,
            State = PayoutState.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
        // The index row first: once a record exists, a callback naming its key can always find it. A row left by a
        // registration that lost the race (another process, maybe another secret) points at a record whose key is not
        // its own, and lookups by it find nothing.
        await _table.UpsertAsync(PayoutEntity.IndexEntry(record), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        try
        {
            var etag = await _table.AddAsync(PayoutEntity.ToEntity(record), cancellationToken).ConfigureAwait(false);
            return new PayoutRegistration(record with { ETag = etag }, Created: true);
        }
        catch (StorageException ex) when (ex.Kind == StorageErrorKind.AlreadyExists)
        {
            var existing = await GetAsync(request.Key, cancellationToken).ConfigureAwait(false)
                ?? throw new StorageException(StorageErrorKind.Other, 500, "LedgerInconsistent",
                    $"Payout {request.Key.LedgerId} was reported as existing but cannot be read.", ex);
            return new PayoutRegistration(existing, Created: false);
        }
    }

    /// <summary>Reads the record for a payout; null when it was never registered.</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<PayoutRecord?> GetAsync(PayoutKey key, CancellationToken cancellationToken = default)
    {
        if (key.PolicyId is null)
        {
            throw new ArgumentException("A payout key is required.", nameof(key));
        }

        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var entity = await _table.GetAsync(PayoutEntity.PartitionFor(key.LedgerId), key.LedgerId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : PayoutEntity.FromEntity(entity);
    }

    /// <summary>
    /// Reads the record the bank knows by <paramref name="idempotencyKey"/> (as a callback names it); null when there is
    /// none. A key made before keys were keyed is the record's row key itself.
    /// </summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<PayoutRecord?> GetAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        if (!IdempotencyKeys.IsValid(idempotencyKey) || idempotencyKey.Length < 5)
        {
            return null;
        }

        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var rowKey = idempotencyKey;
        if (!idempotencyKey.StartsWith("po-", StringComparison.Ordinal))
        {
            var index = await _table.GetAsync(PayoutEntity.IndexPartitionFor(idempotencyKey), idempotencyKey, cancellationToken).ConfigureAwait(false);
            if (index?.GetString(PayoutEntity.LedgerIdProperty) is not { } ledgerId)
            {
                return null;
            }

            rowKey = ledgerId;
        }

        var entity = await _table.GetAsync(PayoutEntity.PartitionFor(rowKey), rowKey, cancellationToken).ConfigureAwait(false);
        var record = entity is null ? null : PayoutEntity.FromEntity(entity);
        return record is not null && string.Equals(record.IdempotencyKey, idempotencyKey, StringComparison.Ordinal) ? record : null;
    }

    /// <summary>Every record of the ledger (a full scan: for reconciliation totals and the main job's summary, not a hot path).</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async IAsyncEnumerable<PayoutRecord> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in _table.QueryAllAsync(new TableQuery(), cancellationToken).ConfigureAwait(false))
        {
            if (!PayoutEntity.IsIndexEntry(entity))
            {
                yield return PayoutEntity.FromEntity(entity);
            }
        }
    }

    /// <summary>
    /// One page of records matching the filters (any may be null), reading at most <paramref name="maxRead"/> rows: a
    /// filtered scan of the ledger, whose rows are spread by key, not by policy. The token continues the scan.
    /// </summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<(IReadOnlyList<PayoutRecord> Records, string? ContinuationToken)> QueryAsync(
        string? policyId, string? beneficiaryId, PayoutState? state, int pageSize, string? continuationToken, int maxRead = 5000, CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        TableFilter? filter = null;
        void And(TableFilter next) => filter = filter is null ? next : filter & next;
        if (policyId is not null)
        {
            And(TableFilter.Equal("PolicyId", policyId));
        }

        if (beneficiaryId is not null)
        {
            And(TableFilter.Equal("BeneficiaryId", beneficiaryId));
        }

        if (state is { } wanted)
        {
            And(TableFilter.Equal("State", wanted.ToString()));
        }

        var records = new List<PayoutRecord>(pageSize);
        var token = continuationToken;
        var read = 0;
        do
        {
            var page = await _table.QueryAsync(new TableQuery(filter, pageSize - records.Count, token), cancellationToken).ConfigureAwait(false);
            read += Math.Max(page.Items.Count, 1);
            records.AddRange(page.Items.Select(PayoutEntity.FromEntity));
            token = page.ContinuationToken;
        }
        while (token is not null && records.Count < pageSize && read < maxRead);

        return (records, token);
    }

    /// <summary>
    /// Writes <paramref name="next"/> if the stored record is still the version <paramref name="current"/> was read at.
    /// A writer that lost gets the current record back, freshly read, and decides again from it.
    /// </summary>
    /// <exception cref="PayoutTransitionException">The change moves the payout backwards or out of a final state, or changes its key, amount, payee or purpose.</exception>
    /// <exception cref="StorageException">The store failed, or the record no longer exists (<see cref="StorageErrorKind.NotFound"/>).</exception>
    public async Task<LedgerWrite> TryUpdateAsync(PayoutRecord current, PayoutRecord next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(next);
        if (current.ETag.IsEmpty)
        {
            throw new ArgumentException("The current record must be one read from the ledger (it has no ETag).", nameof(current));
        }

        if (next.Key != current.Key || next.Amount != current.Amount || next.Payee != current.Payee
            || !string.Equals(next.Purpose, current.Purpose, StringComparison.Ordinal)
            || !string.Equals(next.IdempotencyKey, current.IdempotencyKey, StringComparison.Ordinal))
        {
            throw new PayoutTransitionException($"Payout {current.IdempotencyKey}: what is paid, to whom and for what never changes after registration.");
        }

        if (!CanMove(current.State, next.State))
        {
            throw new PayoutTransitionException($"Payout {current.IdempotencyKey} cannot move from {current.State} to {next.State}.");
        }

        var now = _time.GetUtcNow();
        var written = next with
        {
            CreatedAt = current.CreatedAt,
            UpdatedAt = now,
            InstructedAt = current.InstructedAt ?? (next.IsInstructed ? now : null),
        };
        try
        {
            var etag = await _table.UpdateAsync(PayoutEntity.ToEntity(written), current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return new LedgerWrite(true, written with { ETag = etag });
        }
        catch (StorageException ex) when (ex.Kind == StorageErrorKind.PreconditionFailed)
        {
            var fresh = await GetAsync(current.Key, cancellationToken).ConfigureAwait(false)
                ?? throw new StorageException(StorageErrorKind.NotFound, 404, "ResourceNotFound", $"Payout {current.IdempotencyKey} disappeared.", ex);
            return new LedgerWrite(false, fresh);
        }
    }

    /// <summary>The moves the ledger allows: forward only, <see cref="PayoutState.Sent"/> may be rewritten (claims, outcome known), final states never change.</summary>
    public static bool CanMove(PayoutState from, PayoutState to) => (from, to) switch
    {
        (PayoutState.Pending, not PayoutState.Pending) => true,
        (PayoutState.Sent, not PayoutState.Pending) => true,
        (PayoutState.Settled, PayoutState.Returned) => true,
        _ => false,
    };

    /// <summary>
    /// Maps records to table rows: partition = two hex digits of the ledger id (spreads load), row = the ledger id; and
    /// index rows from an idempotency key to the ledger id, in partitions of their own (<c>k</c> and two characters).
    /// </summary>
    private static class PayoutEntity
    {
        public const string LedgerIdProperty = "LedgerId";

        public static string PartitionFor(string ledgerId) => ledgerId.Substring(3, 2);

        public static string IndexPartitionFor(string idempotencyKey) => string.Concat("k", idempotencyKey.AsSpan(3, 2));

        public static bool IsIndexEntry(TableEntity entity) => entity.PartitionKey.StartsWith('k');

        public static TableEntity IndexEntry(PayoutRecord record) =>
            new(IndexPartitionFor(record.IdempotencyKey), record.IdempotencyKey) { [LedgerIdProperty] = record.Key.LedgerId };

        public static TableEntity ToEntity(PayoutRecord record)
        {
            var key = record.Key.LedgerId;
            return new TableEntity(PartitionFor(key), key)
            {
                ["IdempotencyKey"] = record.IdempotencyKey,
                ["PolicyId"] = record.Key.PolicyId,
                ["BeneficiaryId"] = record.Key.Beneficiary.Value,
                ["Period"] = record.Key.Period,
                ["AmountFen"] = record.Amount.Fen,
                ["Currency"] = PaymentInstruction.Cny,
                ["PayeeAccount"] = record.Payee.Value,
                ["Purpose"] = record.Purpose,
                ["State"] = record.State.ToString(),
                ["OutcomeUnknown"] = record.OutcomeUnknown,
                ["Submissions"] = record.Submissions,
                ["ClaimedUntil"] = record.ClaimedUntil,
                ["Reason"] = record.Reason,
                ["CreatedAt"] = record.CreatedAt,
                ["UpdatedAt"] = record.UpdatedAt,
                ["InstructedAt"] = record.InstructedAt,
            };
        }

        public static PayoutRecord FromEntity(TableEntity entity) => new()
        {
            Key = new PayoutKey(
                entity.GetString("PolicyId")!,
                new SubjectId(entity.GetString("BeneficiaryId")!),
                entity.GetString("Period")!),

            // Records written before keys were keyed were known to the bank by their row key.
            IdempotencyKey = entity.GetString("IdempotencyKey") ?? entity.RowKey,
            Amount = Money.FromFen(entity.GetInt64("AmountFen") ?? 0),
            Payee = new PayeeAccount(entity.GetString("PayeeAccount")!),
            Purpose = entity.GetString("Purpose")!,
            State = Enum.Parse<PayoutState>(entity.GetString("State")!),
            OutcomeUnknown = entity.GetBoolean("OutcomeUnknown") ?? false,
            Submissions = entity.GetInt32("Submissions") ?? 0,
            ClaimedUntil = entity.GetDateTimeOffset("ClaimedUntil"),
            Reason = entity.GetString("Reason"),
            CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            UpdatedAt = entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
            InstructedAt = entity.GetDateTimeOffset("InstructedAt"),
            ETag = entity.ETag,
        };
    }
}
