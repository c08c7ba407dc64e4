namespace ServerlessGov.Domain.Evaluation;

/// <summary>A fact as used by a clause of a proof; the value is masked when the fact is an identifier.</summary>
public sealed record FactEvidence(string Fact, string Value, string Source, DateTimeOffset AsOf, FactStatus Status)
{
    /// <summary>Set when the value is the subject's absence from a complete extract rather than a reported value.</summary>
    public Coverage.Absence? Absence { get; init; }

    /// <summary>A stale value from another authoritative source that disagreed and was set aside for this fresh one.</summary>
    public FactEvidence? Disregarded { get; init; }
}
