namespace ServerlessGov.Functions.Policies.DryRun;

/// <summary>How many subjects end in each outcome of a dry-run.</summary>
/// <param name="Automatic">Proved eligible by the data and paid without review (automatic track).</param>
/// <param name="Invited">Proved eligible on the fast-application track: invited to apply.</param>
/// <param name="Review">Unknown: a fact is missing, stale, conflicting or not authoritative; a reviewer decides.</param>
/// <param name="Excluded">Eligible but not paid because of a constraint: another policy of the exclusion group pays more, or another household member (or the spouse) receives it.</param>
/// <param name="NotEligible">The data proves the subject is not eligible.</param>
public sealed record DryRunCounts(long Automatic, long Invited, long Review, long Excluded, long NotEligible);
