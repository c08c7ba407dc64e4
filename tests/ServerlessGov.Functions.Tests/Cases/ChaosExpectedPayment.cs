namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>A payment the rules call for; <see cref="Slots"/> name the limits it competes in (empty: it competes with nothing).</summary>
internal sealed record ChaosExpectedPayment(string PolicyId, string SubjectId, string Period, long AmountFen, IReadOnlyList<string> Slots);
