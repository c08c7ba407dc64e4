namespace ServerlessGov.Functions.Policies.DryRun;

/// <summary>How the draft's decisions differ from the newest published version's, for the same subjects and period.</summary>
/// <param name="PreviousVersion">The published version compared with.</param>
/// <param name="Gain">Subjects the draft proves eligible and the previous version did not.</param>
/// <param name="Lose">Subjects the previous version proved eligible and the draft does not.</param>
/// <param name="AmountUp">Eligible under both, paid more under the draft.</param>
/// <param name="AmountDown">Eligible under both, paid less under the draft.</param>
/// <param name="ToReview">Subjects the previous version proved not eligible whom the draft sends to review (the data cannot decide them under the draft).</param>
/// <param name="FromReview">Subjects the previous version sent to review whom the draft proves not eligible.</param>
/// <param name="Samples">A few of the subjects of each kind of change.</param>
public sealed record VersionDifference(int PreviousVersion, long Gain, long Lose, long AmountUp, long AmountDown, long ToReview, long FromReview, IReadOnlyList<DifferenceSample> Samples);
