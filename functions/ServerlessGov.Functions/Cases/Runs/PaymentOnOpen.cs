using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.Budgets;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Limits;
using ServerlessGov.Functions.Notifications;
using ServerlessGov.Functions.Payouts;

namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>
/// Instructs the payment of a case as it opens, when the data proved everything and nobody has to be asked: the
/// automatic track, an amount, no intention confirmation. It takes the case orchestration's own steps, in its order and
/// under its keys (the case's slots, its budget reservation, the payment index, the payout key of its first attempt).
/// For a one-off or per-event policy it runs before the case starts, and the case starts with the payout's state
/// (<see cref="CaseInput.OpenedPayment"/>) and only follows settlement. For a monthly allowance it pays the first
/// month's case (id (policy, subject, month)) after the allowance starts; that case, run later from the same decision,
/// repeats each step and finds it done. Whatever it cannot settle at once (a slot held by another case, a budget cap
/// reached) it leaves to the orchestration, which decides exactly as it would have. A proven case whose resident must
/// confirm is taken as far as the request to confirm (<see cref="AskForConfirmationAsync"/>), so its orchestration's
/// first episode only waits for the answer.
/// </summary>
/// <remarks>
/// Why: a case orchestration reaches its payment only after several episodes and activities (an allowance's month
/// decision and its month case before that), each queued behind every other case's work (most of it review work whose
/// SLA is days); this takes a proven payment off that queue, and the steps it took out of the case's.
/// </remarks>
public sealed class PaymentOnOpen
{
    private readonly BeneficiarySlots _slots;
    private readonly BudgetLedger _budgets;
    private readonly PaymentCaseIndex _index;
    private readonly PayoutLedger _ledger;
    private readonly PayoutExecutor _executor;
    private readonly INotificationSender _notices;
    private readonly TimeProvider _time;

    public PaymentOnOpen(BeneficiarySlots slots, BudgetLedger budgets, PaymentCaseIndex index, PayoutLedger ledger, PayoutExecutor executor,
        INotificationSender notices, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(notices);
        ArgumentNullException.ThrowIfNull(time);
        _notices = notices;
        _time = time;
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

    /// <summary>Whether the resident of a case with <paramref name="input"/> may be asked to confirm as it opens.</summary>
    public static bool AsksOnOpen(CaseInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Track == CaseTrack.Automatic && input.RequiresConfirmation && input.AmountFen is > 0;
    }

    /// <summary>
    /// Takes the steps of case <paramref name="caseInstanceId"/> up to the payment instruction, before the case exists:
    /// claims its slots, reserves its budget, registers the payout under the first attempt's key, records the payment
    /// index under the idempotency key the registration fixed (before any submission, so a callback finds the case) and
    /// lets the executor ask the bank and submit. Returns the payout as it stands (instructed, pending when the bank
    /// could not be asked, or in conflict), to be passed in <see cref="CaseInput.OpenedPayment"/>; null when a slot or the
    /// budget is not to be had now, and the case takes the steps itself. Call it only for a case that does not exist:
    /// for one that ended (declined, rejected) it would reserve again. If the case is then not started (the caller
    /// died), the shard or message that opens it is retried, repeats every step, finds each done, and starts it.
    /// </summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">A store failed (the orchestration takes over).</exception>
    /// <exception cref="BudgetContentionException">Other processes kept changing the policy's budget total (the orchestration takes over).</exception>
    public async Task<PaymentSnapshot?> InstructAsync(string caseInstanceId, CaseInput input, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(caseInstanceId);
        ArgumentNullException.ThrowIfNull(input);
        if (!await HoldAsync(caseInstanceId, input, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var key = new PayoutKey(input.PolicyId, new SubjectId(input.SubjectId), input.Period);
        var registered = await _ledger.RegisterAsync(new PayoutRequest(key, Money.FromFen(input.AmountFen ?? 0), new PayeeAccount(input.PayeeAccount), input.Purpose), cancellationToken).ConfigureAwait(false);
        await _index.RecordAsync(registered.Record.IdempotencyKey, caseInstanceId, cancellationToken).ConfigureAwait(false);
        return PaymentSnapshot.Of(await _executor.PayAsync(key, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Takes the steps of case <paramref name="caseInstanceId"/> up to the intention confirmation before the case
    /// exists: claims its slots, reserves its budget, and sends the request to confirm, under the case's own keys.
    /// Returns when the request went out (the window's start, to be passed in <see cref="CaseInput.ConfirmationAskedAt"/>),
    /// or null when a slot or the budget is not to be had now, and the case takes the steps itself. Call it only for a
    /// case that does not exist yet; if the case is then not started (the caller died), starting it again repeats
    /// the steps and finds them done, so the shard or message that opens it must be retried until it has.
    /// </summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">A store failed.</exception>
    /// <exception cref="BudgetContentionException">Other processes kept changing the policy's budget total.</exception>
    public async Task<DateTimeOffset?> AskForConfirmationAsync(string caseInstanceId, CaseInput input, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(caseInstanceId);
        ArgumentNullException.ThrowIfNull(input);
        if (!await HoldAsync(caseInstanceId, input, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var notice = NotifyCommand.ConfirmIntention(caseInstanceId, input, input.AmountFen ?? 0);
        await _notices.SendAsync(notice.ToNotification(staffRecipient: notice.Recipient), cancellationToken).ConfigureAwait(false);
        return _time.GetUtcNow();
    }

    // The case's slots and its budget reservation, as its orchestration takes them; false when either is not to be had.
    private async Task<bool> HoldAsync(string caseInstanceId, CaseInput input, CancellationToken cancellationToken)
    {
        if (input.Slots.Count > 0 && !await _slots.ClaimAsync(new SlotClaim(caseInstanceId, input.Slots), cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        return (await _budgets.ReserveAsync(new BudgetRequest(input.PolicyId, input.PolicyVersion, caseInstanceId, input.AmountFen ?? 0), cancellationToken).ConfigureAwait(false)).Reserved;
    }
}
