namespace ServerlessGov.Functions.Policies.DryRun;

/// <summary>How many of a dry-run's decisions rest on a subject's absence from a source's complete extract of a fact.</summary>
/// <param name="Fact">The fact the absence gave a value to.</param>
/// <param name="Source">The source whose complete extract the subjects are absent from.</param>
/// <param name="Decisions">How many paid, invited, excluded or review decisions read that absence.</param>
public sealed record AbsenceCount(string Fact, string Source, long Decisions);
