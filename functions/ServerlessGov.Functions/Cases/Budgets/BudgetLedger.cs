using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Cases.Budgets;

/// <summary>
/// Reserves case amounts against a policy's budget cap, atomically: one partition per policy holds a total row and a
/// row per reservation, and a reservation is written in one batch with the total, rewritten on the total's ETag.
/// Concurrent reservations never exceed the cap (the loser of a race re-reads and decides again), and a reservation
/// repeated by a re-run activity finds its own row and is not counted twice. Within a process the writers of one
/// policy take turns (a gate per policy), so the ETag race is only ever lost to another process; reservations that
/// wait for the gate are decided together, in order, and written in one batch of up to 99, so a policy's thousands of
/// reservations during a run cost a few hundred writes, not one each in turn.
/// </summary>
public sealed class BudgetLedger
{
    /// <summary>The table.</summary>
    public const string TableName = "budgets";

    private const string TotalRow = "total";
    private const int MaxRounds = 50;

    // A partition batch holds at most 100 operations: the total and 99 reservations.
    private const int MaxPerBatch = TableRules.MaxBatchOperations - 1;
    private readonly ITable _table;
    private readonly IPolicyCatalog _catalog;
    private readonly CreateOnFirstUse _tableCreated;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _policyGates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<PendingReservation>> _waiting = new(StringComparer.Ordinal);

    public BudgetLedger(ITableStore tables, IPolicyCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(catalog);
        _table = tables.GetTable(TableName);
        _tableCreated = new CreateOnFirstUse(_table);
        _catalog = catalog;
    }

    /// <summary>
    /// Reserves the request's amount unless that would exceed the cap of the policy version the case was opened under
    /// (or a newer version's higher cap). A policy without a cap always reserves.
    /// </summary>
    /// <exception cref="StorageException">The store failed.</exception>
    /// <exception cref="BudgetContentionException">Other processes kept changing the total (the activity is retried).</exception>
    public async Task<BudgetAnswer> ReserveAsync(BudgetRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var pending = new PendingReservation(request, await CapOfAsync(request, cancellationToken).ConfigureAwait(false));
        var waiting = _waiting.GetOrAdd(request.PolicyId, static _ => new ConcurrentQueue<PendingReservation>());
        waiting.Enqueue(pending);

        // Whoever holds the policy's gate decides every reservation waiting for it in one batch, this one included or
        // not; a caller that finds its own decided when it gets the gate has nothing left to do.
        while (!pending.Answer.Task.IsCompleted)
        {
            await InTurnAsync(request.PolicyId, async () =>
            {
                var batch = new List<PendingReservation>(MaxPerBatch);
                while (batch.Count < MaxPerBatch && waiting.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                await ReserveBatchAsync(request.PolicyId, batch).ConfigureAwait(false);
                return batch.Count;
            }, cancellationToken).ConfigureAwait(false);
        }

        return await pending.Answer.Task.ConfigureAwait(false);
    }

    // Decides the reservations in order against the total, as one at a time would, and writes every new one with the
    // new total in one partition batch on the total's ETag; a race lost to another process decides them all again.
    // No caller's token: the batch decides other callers' reservations too.
    private async Task ReserveBatchAsync(string policyId, List<PendingReservation> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            for (var round = 0; round < MaxRounds; round++)
            {
                var total = await _table.GetAsync(policyId, TotalRow, CancellationToken.None).ConfigureAwait(false);
                var found = await Task.WhenAll(batch.Select(p => _table.GetAsync(policyId, ReservationRow(p.Request.CaseInstanceId), CancellationToken.None))).ConfigureAwait(false);
                var reserved = total?.GetInt64("ReservedFen") ?? 0;
                var answers = new BudgetAnswer[batch.Count];
                var added = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
                long? lastCap = null;
                for (var i = 0; i < batch.Count; i++)
                {
                    var (request, cap) = (batch[i].Request, batch[i].Cap);
                    if (found[i] is not null || added.ContainsKey(request.CaseInstanceId))
                    {
                        answers[i] = new BudgetAnswer(true, cap, reserved);
                    }
                    else if (cap is { } limit && reserved + request.AmountFen > limit)
                    {
                        answers[i] = new BudgetAnswer(false, cap, reserved);
                    }
                    else
                    {
                        reserved += request.AmountFen;
                        lastCap = cap;
                        added[request.CaseInstanceId] = new TableEntity(policyId, ReservationRow(request.CaseInstanceId)) { ["CaseInstanceId"] = request.CaseInstanceId, ["AmountFen"] = request.AmountFen };
                        answers[i] = new BudgetAnswer(true, cap, reserved);
                    }
                }

                if (added.Count > 0 && !await TryWriteAsync(total, new TableEntity(policyId, TotalRow) { ["ReservedFen"] = reserved, ["CapFen"] = lastCap ?? -1 }, added.Values, CancellationToken.None).ConfigureAwait(false))
                {
                    continue;
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Answer.TrySetResult(answers[i]);
                }

                return;
            }

            var contention = BudgetContentionException.For(policyId);
            batch.ForEach(p => p.Answer.TrySetException(contention));
        }
        catch (Exception ex) when (ex is StorageException or OperationCanceledException)
        {
            batch.ForEach(p => p.Answer.TrySetException(ex));
        }
    }

    // False when another reservation changed the total first, or one of these landed in a racing process: decide again.
    private async Task<bool> TryWriteAsync(TableEntity? total, TableEntity next, IEnumerable<TableEntity> reservations, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>
        {
            total is null ? new(TableTransactionActionType.Add, next) : new(TableTransactionActionType.UpdateReplace, next, total.ETag),
        };
        actions.AddRange(reservations.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageException ex) when (ex.Kind is StorageErrorKind.PreconditionFailed or StorageErrorKind.AlreadyExists)
        {
            return false;
        }
    }

    /// <summary>Gives a reservation back; a reservation that does not exist (never made, or already released) is a no-op.</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    /// <exception cref="BudgetContentionException">Other processes kept changing the total (the activity is retried).</exception>
    public async Task<BudgetAnswer> ReleaseAsync(BudgetRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await InTurnAsync(request.PolicyId, () => ReleaseUnderGateAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<BudgetAnswer> ReleaseUnderGateAsync(BudgetRequest request, CancellationToken cancellationToken)
    {
        var rowKey = ReservationRow(request.CaseInstanceId);
        for (var round = 0; round < MaxRounds; round++)
        {
            var total = await _table.GetAsync(request.PolicyId, TotalRow, cancellationToken).ConfigureAwait(false);
            var reservation = await _table.GetAsync(request.PolicyId, rowKey, cancellationToken).ConfigureAwait(false);
            var cap = total?.GetInt64("CapFen") is { } c && c >= 0 ? c : (long?)null;
            if (total is null || reservation is null)
            {
                return new BudgetAnswer(false, cap, total?.GetInt64("ReservedFen") ?? 0);
            }

            var reserved = total.GetInt64("ReservedFen")!.Value - reservation.GetInt64("AmountFen")!.Value;
            var next = new TableEntity(request.PolicyId, TotalRow) { ["ReservedFen"] = reserved, ["CapFen"] = total.GetInt64("CapFen") ?? -1 };
            try
            {
                await _table.SubmitTransactionAsync(
                    [new(TableTransactionActionType.UpdateReplace, next, total.ETag), new(TableTransactionActionType.Delete, reservation, reservation.ETag)],
                    cancellationToken).ConfigureAwait(false);
                return new BudgetAnswer(false, cap, reserved);
            }
            catch (StorageException ex) when (ex.Kind is StorageErrorKind.PreconditionFailed or StorageErrorKind.NotFound)
            {
                // Raced with another writer: decide again.
            }
        }

        throw BudgetContentionException.For(request.PolicyId);
    }

    /// <summary>The amount reserved under a policy so far (0 when nothing was).</summary>
    /// <exception cref="StorageException">The store failed.</exception>
    public async Task<long> ReservedAsync(string policyId, CancellationToken cancellationToken = default)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var total = await _table.GetAsync(policyId, TotalRow, cancellationToken).ConfigureAwait(false);
        return total?.GetInt64("ReservedFen") ?? 0;
    }

    // The cap of the version the case was opened under, raised by any newer effective version with a higher cap.
    private async Task<long?> CapOfAsync(BudgetRequest request, CancellationToken cancellationToken)
    {
        var opened = await _catalog.GetAsync(request.PolicyId, new PolicyVersion(request.PolicyVersion), cancellationToken).ConfigureAwait(false);
        long? cap = opened?.Document.BudgetCap?.Fen;
        if (cap is null)
        {
            return null;
        }

        var latest = opened!.Document;
        for (var version = latest.Version.Next(); ; version = version.Next())
        {
            var newer = await _catalog.GetAsync(request.PolicyId, version, cancellationToken).ConfigureAwait(false);
            if (newer is null)
            {
                return cap;
            }

            cap = newer.Document.BudgetCap is { } newerCap ? Math.Max(cap.Value, newerCap.Fen) : null;
            if (cap is null)
            {
                return null;
            }
        }
    }

    // Runs a write of the policy's budget after this process's other writes of it.
    private async Task<T> InTurnAsync<T>(string policyId, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        var gate = _policyGates.GetOrAdd(policyId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private static string ReservationRow(string caseInstanceId) =>
        "r-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(caseInstanceId)), 0, 20);

    private sealed record PendingReservation(BudgetRequest Request, long? Cap)
    {
        public TaskCompletionSource<BudgetAnswer> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
