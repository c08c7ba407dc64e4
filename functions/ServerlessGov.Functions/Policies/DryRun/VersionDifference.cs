namespace ServerlessGov.Functions.Policies.DryRun;

/// <summary>How the draft's decisions differ from the newest published version's, for the same subjects and period.</summary>
/// <param name="PreviousVersion">The published version compared with.</param>
/// <param name="Gain">Subjects the draft proves eligible and the previous version did not.</param>
/// <param name="Lose">Subjects the previous version proved eligible and the draft does not.</param>
/// <param name="AmountUp">Eligible under both, paid more under the draft.</param>
/// <param name="AmountDown">Eligible under both, paid less under the draft.</param>
/// <param name="Samples">A few of the subjects who gain or lose.</param>
public sealed record VersionDifference(int PreviousVersion, long Gain, long Lose, long AmountUp, long AmountDown, IReadOnlyList<DifferenceSample> Samples);
