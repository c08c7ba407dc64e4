namespace ServerlessGov.Functions.Policies.DryRun;

/// <summary>One explained case of a dry-run, as the resident would read it (identifiers masked).</summary>
/// <param name="Subject">The subject's pseudonymous id.</param>
/// <param name="Outcome"><c>automatic</c>, <c>invited</c>, <c>review</c>, <c>excluded</c> or <c>notEligible</c> (its explanation says which condition failed).</param>
/// <param name="Amount">The amount for the period in yuan, when computed.</param>
/// <param name="ExplanationZh">The explanation in Simplified Chinese.</param>
/// <param name="ExplanationEn">The explanation in English.</param>
/// <param name="ExcludedBecause">For an excluded case, the constraint that excluded it.</param>
public sealed record DryRunSample(string Subject, string Outcome, decimal? Amount, string ExplanationZh, string ExplanationEn, string? ExcludedBecause);
