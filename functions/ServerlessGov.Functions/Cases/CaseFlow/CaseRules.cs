namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>
/// The configured timings and routing a case runs by, copied from <see cref="CaseOptions"/> into its input when it
/// opens, so a replay never reads configuration (which may have changed) and the case keeps the rules it started with.
/// </summary>
public sealed record CaseRules(
    TimeSpan ConfirmationWindow,
    bool PayWithoutAnswer,
    TimeSpan SettlementPollInterval,
    TimeSpan PaymentRetryDelay,
    TimeSpan CorrectionWindow,
    TimeSpan ReturnWatch,
    TimeSpan BudgetRecheck,
    string ReviewGroup)
{
    /// <summary>The rules from the current options.</summary>
    public static CaseRules From(CaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new CaseRules(options.ConfirmationWindow, options.PayWithoutAnswer, options.SettlementPollInterval, options.PaymentRetryDelay,
            options.CorrectionWindow, options.ReturnWatch, options.BudgetRecheck, options.ReviewGroup);
    }
}
