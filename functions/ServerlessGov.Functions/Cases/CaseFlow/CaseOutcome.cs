namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>How a case ended. Every end is explicit and carries a reason; none is silent.</summary>
public enum CaseOutcome
{
    /// <summary>The payment settled.</summary>
    Paid,

    /// <summary>A reviewer rejected eligibility, or a failed payment was closed by a reviewer.</summary>
    Rejected,

    /// <summary>The resident declined, or did not answer a confirmation the policy requires.</summary>
    Declined,

    /// <summary>Another member of the household, or another policy of the exclusion group, holds the benefit.</summary>
    Excluded,

    /// <summary>Approved, but the amount cannot be computed from the data; staff were told.</summary>
    AmountUnknown,
}
