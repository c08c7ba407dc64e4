namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>The recomputation's result: the payments and reviews the rules call for, and how many subjects were read.</summary>
internal sealed record ChaosExpectation(IReadOnlyList<ChaosExpectedPayment> Payments, IReadOnlyList<(string PolicyId, string SubjectId)> Reviews, int Subjects);
