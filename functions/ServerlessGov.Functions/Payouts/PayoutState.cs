namespace ServerlessGov.Functions.Payouts;

/// <summary>Where a payout stands in the ledger: pending → sent → settled | failed | returned (settled → returned too), or conflict.</summary>
public enum PayoutState
{
    /// <summary>Recorded; no instruction has gone to the bank yet (or none that the bank admits to).</summary>
    Pending,

    /// <summary>Submitted; the bank accepted it, or the answer was lost (<see cref="PayoutRecord.OutcomeUnknown"/>).</summary>
    Sent,

    /// <summary>The money reached the payee. A later return is still possible.</summary>
    Settled,

    /// <summary>The bank refused or could not make the payment; no money moved. Final.</summary>
    Failed,

    /// <summary>Settled, then sent back by the payee's bank. Final.</summary>
    Returned,

    /// <summary>
    /// The bank holds a different payment (payee account, amount, currency or purpose) under this payout's key: nothing
    /// is paid under it, the case goes to a reviewer, and operators are alerted. Final.
    /// </summary>
    Conflict,
}
