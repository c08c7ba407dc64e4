namespace ServerlessGov.Domain.Evaluation;

/// <summary>A fact as used by a clause of a proof; the value is masked when the fact is an identifier.</summary>
public sealed record FactEvidence(string Fact, string Value, string Source, DateTimeOffset AsOf, FactStatus Status);
