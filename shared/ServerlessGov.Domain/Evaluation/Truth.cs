namespace ServerlessGov.Domain.Evaluation;

/// <summary>
/// A Kleene truth value. Ordered so that <c>and</c> is the minimum and <c>or</c> the maximum:
/// false and unknown is false, true or unknown is true.
/// </summary>
public enum Truth : byte
{
    /// <summary>The data proves the clause false.</summary>
    NotSatisfied = 0,

    /// <summary>The data cannot decide: a fact is missing, stale, contradicted or from a non-authoritative source.</summary>
    Unknown = 1,

    /// <summary>The data proves the clause true.</summary>
    Satisfied = 2,
}
