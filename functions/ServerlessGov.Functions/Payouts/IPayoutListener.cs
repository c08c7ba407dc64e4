namespace ServerlessGov.Functions.Payouts;

/// <summary>
/// Told after a bank callback was reconciled into the ledger, so whatever waits for the payout (a case orchestration)
/// can look again. Listeners must be idempotent: callbacks repeat.
/// </summary>
public interface IPayoutListener
{
    /// <summary>Called with the ledger record as it stands after the callback was reconciled.</summary>
    Task OnReconciledAsync(PayoutRecord record, CancellationToken cancellationToken = default);
}
