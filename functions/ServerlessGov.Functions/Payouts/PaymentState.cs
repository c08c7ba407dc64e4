namespace ServerlessGov.Functions.Payouts;

/// <summary>The bank's view of one idempotency key.</summary>
public enum PaymentState
{
    /// <summary>The bank has no payment under the key: it is safe to submit.</summary>
    Unknown,

    /// <summary>Recorded, not settled yet.</summary>
    Pending,

    /// <summary>The money reached the payee's account.</summary>
    Settled,

    /// <summary>The payment could not be made (e.g. the account is closed); no money moved.</summary>
    Failed,

    /// <summary>Settled, then sent back by the payee's bank; the money is back with the payer.</summary>
    Returned,
}
