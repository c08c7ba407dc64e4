namespace ServerlessGov.Functions.Payouts.Reconciliation;

/// <summary>How one payment compares between the ledger and the bank.</summary>
public enum ReconciliationResult
{
    /// <summary>Both hold it, with the same amount and a status that agrees.</summary>
    Matched,

    /// <summary>The ledger says the bank holds it; the bank has no payment under the key.</summary>
    MissingAtBank,

    /// <summary>The bank holds a payment under a key the ledger never issued.</summary>
    ExtraAtBank,

    /// <summary>Both hold it, with different amounts.</summary>
    AmountDiffers,

    /// <summary>Both hold it with the same amount, but its final status differs (settled against failed or returned).</summary>
    StateDiffers,
}
