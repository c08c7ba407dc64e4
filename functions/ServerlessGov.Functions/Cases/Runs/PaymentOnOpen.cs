using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.Budgets;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Limits;
using ServerlessGov.Functions.Payouts;

namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>
/// Instructs the payment of a case the moment it opens, when the data proved everything and nobody has to be asked:
/// the automatic track, an amount, no intention confirmation. For a one-off or per-event policy the case is the one
/// just started; for a monthly allowance it is the first month's case (id (policy, subject, month)), which the new
/// allowance runs from the same decision. It takes the same steps as the case orchestration, in the same order and
/// under the same keys (the case's slots, its budget reservation, the payout key of its first attempt, the payment
/// index), so the orchestration, which runs anyway, finds each step done and goes on to follow settlement.
/// Everything it cannot settle at once (a slot held by another case, a budget cap reached, an unreachable bank) it
/// leaves to the orchestration, which decides exactly as it would have.
/// </summary>
/// <remarks>
/// Why: a case orchestration reaches its payment only after several episodes and activities (an allowance's month
/// decision and its month case before that), each queued behind every other case's work (most of it review work whose
/// SLA is days); this takes a proven payment off that queue.
/// </remarks>
public sealed class PaymentOnOpen
{
    private readonly BeneficiarySlots _slots;
    private readonly BudgetLedger _budgets;
    private readonly PaymentCaseIndex _index;
    private readonly PayoutLedger _ledger;
    private readonly PayoutExecutor _executor;

    public PaymentOnOpen(BeneficiarySlots slots, BudgetLedger budgets, PaymentCaseIndex index, PayoutLedger ledger, PayoutExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(executor);
        _slots = slots;
        _budgets = budgets;
        _index = index;
        _ledger = ledger;
        _executor = executor;
    }

    /// <summary>Whether a case with <paramref name="input"/> may be paid as it opens.</summary>
    public static bool Applies(CaseInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Track == CaseTrack.Automatic && !input.RequiresConfirmation && input.AmountFen is > 0;
    }

    /// <summary>
    /// Takes the steps of case <paramref name="caseInstanceId"/> up to the payment instruction, with exactly the input
    /// its orchestration runs with; true when the bank holds the instruction afterwards. Call it only for a case that
    /// was just opened: for a case that ended (declined, rejected) it would reserve again.
    /// </summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">A store failed (the orchestration takes over).</exception>
    /// <exception cref="IdempotencyKeyConflictException">The bank holds another amount under the payout's key.</exception>
    /// <exception cref="BudgetContentionException">Other processes kept changing the policy's budget total (the orchestration takes over).</exception>
    public async Task<bool> InstructAsync(string caseInstanceId, CaseInput input, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(caseInstanceId);
        ArgumentNullException.ThrowIfNull(input);
        var amount = input.AmountFen ?? 0;
        if (input.Slots.Count > 0 && !await _slots.ClaimAsync(new SlotClaim(caseInstanceId, input.Slots), cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (!(await _budgets.ReserveAsync(new BudgetRequest(input.PolicyId, input.PolicyVersion, caseInstanceId, amount), cancellationToken).ConfigureAwait(false)).Reserved)
        {
            return false;
        }

        var key = new PayoutKey(input.PolicyId, new SubjectId(input.SubjectId), input.Period);
        await _index.RecordAsync(key.IdempotencyKey, caseInstanceId, cancellationToken).ConfigureAwait(false);
        await _ledger.RegisterAsync(new PayoutRequest(key, Money.FromFen(amount), new PayeeAccount(input.PayeeAccount), input.Purpose), cancellationToken).ConfigureAwait(false);
        var record = await _executor.PayAsync(key, cancellationToken).ConfigureAwait(false);
        return PaymentSnapshot.Of(record).IsInstructed;
    }
}
