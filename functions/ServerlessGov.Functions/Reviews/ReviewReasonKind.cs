namespace ServerlessGov.Functions.Reviews;

/// <summary>Why a case needs a person.</summary>
public enum ReviewReasonKind
{
    /// <summary>The data could not prove or disprove eligibility.</summary>
    UnknownFacts,

    /// <summary>The resident objected (异议) to a decision.</summary>
    Objection,

    /// <summary>A payment failed or was returned and needs a corrected account or a decision.</summary>
    FailedPayment,

    /// <summary>The resident objected to a recurring allowance that stopped (an objection about a stopped allowance).</summary>
    ObjectionToStop,

    /// <summary>The bank holds another payment (payee, amount, currency or purpose) under the case's payout key: nothing was paid, someone must find out why.</summary>
    PaymentConflict,
}
