using ServerlessGov.Domain.Rules;

namespace ServerlessGov.Domain.Evaluation;

/// <summary>A fact with its provenance: the value, the source that said so, and as of when.</summary>
public sealed record FactValue(string Fact, RuleValue Value, string Source, DateTimeOffset AsOf);
