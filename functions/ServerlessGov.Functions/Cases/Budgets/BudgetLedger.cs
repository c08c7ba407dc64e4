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
/// row per reservation, and each reservation is one batch that adds its row and rewrites the total on the total's
/// ETag. Concurrent reservations never exceed the cap (the loser of a race re-reads and decides again), and a
/// reservation repeated by a re-run activity finds its own row and is not counted twice. Within a process the
/// writers of one policy take turns (a gate per policy), so the ETag race is only ever lost to another process: many
/// concurrent shard activities reserving against one policy no longer spin on each other's rewrites of its total.
/// </summary>
public sealed class BudgetLedger
{
    /// <summary>The table.</summary>
    public const string TableName = "budgets";

    private const string TotalRow = "total";
    private const int MaxRounds = 50;
    private readonly ITable _table;
    private readonly IPolicyCatalog _catalog;
    private readonly CreateOnFirstUse _tableCreated;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _policyGates = new(StringComparer.Ordinal);

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
        var cap = await CapOfAsync(request, cancellationToken).ConfigureAwait(false);
        return await InTurnAsync(request.PolicyId, () => ReserveUnderGateAsync(request, cap, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<BudgetAnswer> ReserveUnderGateAsync(BudgetRequest request, long? cap, CancellationToken cancellationToken)
    {
        var rowKey = ReservationRow(request.CaseInstanceId);
        for (var round = 0; round < MaxRounds; round++)
        {
            var total = await _table.GetAsync(request.PolicyId, TotalRow, cancellationToken).ConfigureAwait(false);
            if (await _table.GetAsync(request.PolicyId, rowKey, cancellationToken).ConfigureAwait(false) is not null)
            {
                return new BudgetAnswer(true, cap, total?.GetInt64("ReservedFen") ?? 0);
            }

            var reserved = total?.GetInt64("ReservedFen") ?? 0;
            if (cap is { } limit && reserved + request.AmountFen > limit)
            {
                return new BudgetAnswer(false, cap, reserved);
            }

            var next = new TableEntity(request.PolicyId, TotalRow) { ["ReservedFen"] = reserved + request.AmountFen, ["CapFen"] = cap ?? -1 };
            var reservation = new TableEntity(request.PolicyId, rowKey) { ["CaseInstanceId"] = request.CaseInstanceId, ["AmountFen"] = request.AmountFen };
            TableTransactionAction[] batch = total is null
                ? [new(TableTransactionActionType.Add, next), new(TableTransactionActionType.Add, reservation)]
                : [new(TableTransactionActionType.UpdateReplace, next, total.ETag), new(TableTransactionActionType.Add, reservation)];
            try
            {
                await _table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
                return new BudgetAnswer(true, cap, reserved + request.AmountFen);
            }
            catch (StorageException ex) when (ex.Kind is StorageErrorKind.PreconditionFailed or StorageErrorKind.AlreadyExists)
            {
                // Another reservation changed the total first (or this one landed in a racing run): decide again.
            }
        }

        throw BudgetContentionException.For(request.PolicyId);
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
    private async Task<BudgetAnswer> InTurnAsync(string policyId, Func<Task<BudgetAnswer>> write, CancellationToken cancellationToken)
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
}
