using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.Budgets;
using ServerlessGov.Functions.Cases.Limits;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Notifications;
using ServerlessGov.Functions.Payouts;

namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>
/// The activities a case calls. Each runs at least once, so each is idempotent: the ledger, the budget, the slots and
/// the notifications are keyed by the case, and the payout executor asks the bank before any (re)submission.
/// </summary>
public sealed class CaseActivities(
    PayoutLedger ledger, PaymentCaseIndex caseIndex, PayoutExecutor executor, BudgetLedger budget, BeneficiarySlots slots,
    INotificationSender sender, IOptions<CaseOptions> options, PolicyEvaluator evaluator)
{
    /// <summary>Registers the payout in the ledger and moves it as far as it goes now (<see cref="PayoutExecutor.PayAsync"/>).</summary>
    public const string Pay = "PayCasePayout";

    /// <summary>Asks the bank what became of a payout and records it, never submitting.</summary>
    public const string Reconcile = "ReconcileCasePayout";

    /// <summary>Reserves the case's amount against the policy's budget cap.</summary>
    public const string ReserveBudget = "ReserveCaseBudget";

    /// <summary>Gives a reservation back (declined or rejected cases).</summary>
    public const string ReleaseBudget = "ReleaseCaseBudget";

    /// <summary>Claims the case's household or exclusion-group slots.</summary>
    public const string ClaimSlots = "ClaimCaseSlots";

    /// <summary>Sends one notification through the notification port.</summary>
    public const string Notify = "NotifyCase";

    /// <summary>Computes the amount of an approved case from the subject's current facts.</summary>
    public const string ResolveAmount = "ResolveCaseAmount";

    /// <summary>A notification recipient that stands for the policy staff (replaced by <see cref="CaseOptions.StaffRecipient"/>).</summary>
    public const string StaffRecipientMarker = "@staff";

    /// <summary>Registers the payout and the case that owns it, then moves it as far as it goes now.</summary>
    [Function(Pay)]
    public async Task<PaymentSnapshot> PayAsync([ActivityTrigger] PaymentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var key = new PayoutKey(command.PolicyId, new SubjectId(command.SubjectId), command.PayoutPeriod);
        var registered = await ledger.RegisterAsync(new PayoutRequest(key, Money.FromFen(command.AmountFen), new PayeeAccount(command.PayeeAccount), command.Purpose), cancellationToken).ConfigureAwait(false);
        await caseIndex.RecordAsync(registered.Record.IdempotencyKey, command.CaseInstanceId, cancellationToken).ConfigureAwait(false);
        var record = await executor.PayAsync(key, cancellationToken).ConfigureAwait(false);
        return PaymentSnapshot.Of(record);
    }

    /// <summary>Asks the bank what became of the payout under <paramref name="idempotencyKey"/> and records it.</summary>
    /// <exception cref="InvalidOperationException">The payout is not in the ledger.</exception>
    [Function(Reconcile)]
    public async Task<PaymentSnapshot> ReconcileAsync([ActivityTrigger] string idempotencyKey, CancellationToken cancellationToken)
    {
        var record = await executor.ReconcileAsync(idempotencyKey, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Payout {idempotencyKey} is not in the ledger.");
        return PaymentSnapshot.Of(record);
    }

    /// <summary>Reserves the case's amount against the policy's budget cap.</summary>
    [Function(ReserveBudget)]
    public Task<BudgetAnswer> ReserveBudgetAsync([ActivityTrigger] BudgetRequest request, CancellationToken cancellationToken) =>
        budget.ReserveAsync(request, cancellationToken);

    /// <summary>Gives a reservation back.</summary>
    [Function(ReleaseBudget)]
    public Task<BudgetAnswer> ReleaseBudgetAsync([ActivityTrigger] BudgetRequest request, CancellationToken cancellationToken) =>
        budget.ReleaseAsync(request, cancellationToken);

    /// <summary>Claims the case's household or exclusion-group slots; false when another case holds one.</summary>
    [Function(ClaimSlots)]
    public Task<bool> ClaimSlotsAsync([ActivityTrigger] SlotClaim claim, CancellationToken cancellationToken) =>
        slots.ClaimAsync(claim, cancellationToken);

    /// <summary>Sends one notification (deduplicated where it lands).</summary>
    [Function(Notify)]
    public Task<bool> NotifyAsync([ActivityTrigger] NotifyCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return sender.SendAsync(command.ToNotification(options.Value.StaffRecipient), cancellationToken);
    }

    /// <summary>The amount of an approved case from the subject's current facts (0 when it cannot be computed).</summary>
    [Function(ResolveAmount)]
    public Task<long> ResolveAmountAsync([ActivityTrigger] CaseInput input, CancellationToken cancellationToken) =>
        evaluator.ResolveAmountAsync(input, cancellationToken);
}
