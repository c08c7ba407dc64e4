namespace ServerlessGov.Functions.Policies.DryRun;

/// <summary>What a draft would do if published today: outcomes, cost against the budget, why cases are unknown, samples, and the change from the published version.</summary>
/// <param name="PolicyId">The policy.</param>
/// <param name="Version">The version the draft would be published as.</param>
/// <param name="EvaluationDate">Today in Asia/Shanghai: the date facts are judged fresh or stale against.</param>
/// <param name="PeriodStart">The first day of the period decided (the current month for monthly policies, today otherwise).</param>
/// <param name="PeriodEnd">The last day of the period decided.</param>
/// <param name="SubjectsRead">How many subjects of the policy's kind the registry holds (all were evaluated).</param>
/// <param name="Counts">How many subjects end in each outcome.</param>
/// <param name="Budget">The cost of the automatic payments for the period against the cap.</param>
/// <param name="UnknownReasons">Why review cases are unknown, most frequent first.</param>
/// <param name="Samples">A few explained cases per outcome; identifiers masked.</param>
/// <param name="Difference">Who gains and who loses compared with the newest published version; null when there is none.</param>
/// <param name="Notes">What the dry-run could not account for.</param>
public sealed record DryRunReport(
    string PolicyId,
    int Version,
    string EvaluationDate,
    string PeriodStart,
    string PeriodEnd,
    long SubjectsRead,
    DryRunCounts Counts,
    DryRunBudget Budget,
    IReadOnlyList<UnknownReasonCount> UnknownReasons,
    IReadOnlyList<DryRunSample> Samples,
    VersionDifference? Difference,
    IReadOnlyList<string> Notes)
{
    /// <summary>Which decisions rest on subjects' absence from complete extracts (rather than on a reported value), by fact and source.</summary>
    public IReadOnlyList<AbsenceCount> DecidedByAbsence { get; init; } = [];
}
