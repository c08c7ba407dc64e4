using Microsoft.Azure.Functions.Worker;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Payouts;

namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>
/// The activities that move a case's payment. Each runs at least once, so each is idempotent: the ledger is keyed by
/// the case's payout, and the payout executor asks the bank before any (re)submission.
/// </summary>
public sealed class CasePaymentActivities(PayoutLedger ledger, PaymentCaseIndex caseIndex, PayoutExecutor executor)
{
    /// <summary>Registers the payout in the ledger and moves it as far as it goes now (<see cref="PayoutExecutor.PayAsync"/>).</summary>
    public const string Pay = "PayCasePayout";

    /// <summary>Asks the bank what became of a payout and records it, never submitting.</summary>
    public const string Reconcile = "ReconcileCasePayout";

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
}
