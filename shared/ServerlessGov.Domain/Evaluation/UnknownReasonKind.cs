namespace ServerlessGov.Domain.Evaluation;

/// <summary>Why a clause is unknown.</summary>
public enum UnknownReasonKind
{
    /// <summary>A fact is missing.</summary>
    Missing,

    /// <summary>A fact is older than its freshness window.</summary>
    Stale,

    /// <summary>Two authoritative sources disagree.</summary>
    Conflicting,

    /// <summary>A fact came from a non-authoritative source.</summary>
    NonAuthoritative,

    /// <summary>A policy parameter has no value at the date.</summary>
    MissingParameter,

    /// <summary>The arithmetic is undefined (division by zero, overflow).</summary>
    Undefined,
}
