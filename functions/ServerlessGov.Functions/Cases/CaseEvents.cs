namespace ServerlessGov.Functions.Cases;

/// <summary>The external events a case or allowance orchestration waits for.</summary>
public static class CaseEvents
{
    /// <summary>The bank reported a change of the case's payment (raised by the callback endpoint; payload: the idempotency key).</summary>
    public const string PaymentUpdated = "PaymentUpdated";

    /// <summary>The resident answered the intention confirmation (告知承诺); payload <see cref="IntentionAnswer"/>.</summary>
    public const string IntentionAnswered = "IntentionAnswered";

    /// <summary>The resident gave a corrected account after a failed or returned payment; payload <see cref="AccountCorrection"/>.</summary>
    public const string AccountCorrected = "AccountCorrected";

    /// <summary>Staff raised a policy's budget: waiting cases try their reservation again (no payload).</summary>
    public const string BudgetRaised = "BudgetRaised";

    /// <summary>The subject's facts changed: an allowance re-checks its current period at once (no payload).</summary>
    public const string FactsChanged = "FactsChanged";
}
