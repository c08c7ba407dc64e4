namespace ServerlessGov.Functions.Enterprises;

/// <summary>How far the data carries a match: proven, or likely once the enterprise confirms some facts.</summary>
public enum MatchOutcome
{
    /// <summary>The authoritative data proves every condition.</summary>
    Eligible,

    /// <summary>No condition fails, but some are unknown: "likely eligible — confirm X".</summary>
    LikelyEligible,
}
