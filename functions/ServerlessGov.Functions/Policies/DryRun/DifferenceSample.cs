namespace ServerlessGov.Functions.Policies.DryRun;

/// <summary>One subject whose decision changes between the published version and the draft.</summary>
/// <param name="Subject">The subject's pseudonymous id.</param>
/// <param name="Change"><c>gain</c>, <c>lose</c>, <c>toReview</c> (not eligible → review) or <c>fromReview</c> (review → not eligible).</param>
/// <param name="Before">The outcome under the published version: <c>satisfied</c>, <c>unknown</c> or <c>notSatisfied</c>.</param>
/// <param name="BeforeAmount">The amount under the published version, yuan.</param>
/// <param name="After">The outcome under the draft.</param>
/// <param name="AfterAmount">The amount under the draft, yuan.</param>
public sealed record DifferenceSample(string Subject, string Change, string Before, decimal? BeforeAmount, string After, decimal? AfterAmount);
