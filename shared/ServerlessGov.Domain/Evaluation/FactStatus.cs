namespace ServerlessGov.Domain.Evaluation;

/// <summary>Whether a fact may be used to decide, and if not, why not.</summary>
public enum FactStatus
{
    /// <summary>Present, from an authoritative source, within its freshness window, uncontradicted.</summary>
    Usable,

    /// <summary>No source has provided it.</summary>
    Missing,

    /// <summary>Its as-of time is older than the freshness window at the evaluation date.</summary>
    Stale,

    /// <summary>Two authoritative sources disagree.</summary>
    Conflicting,

    /// <summary>Only a source that is not authoritative for this fact has provided it.</summary>
    NonAuthoritative,
}
