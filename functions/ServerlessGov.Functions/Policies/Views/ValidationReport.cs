namespace ServerlessGov.Functions.Policies.Views;

/// <summary>The result of validating a document that passed: every structural, rule and test-case check.</summary>
/// <param name="Valid">Always true here; an invalid document is answered with a 400 problem listing its problems.</param>
/// <param name="TestCases">How many test cases ran and passed.</param>
public sealed record ValidationReport(bool Valid, int TestCases);
