namespace ServerlessGov.Functions.Enterprises.Matching;

/// <summary>How one enterprise stands against one published policy, by the three-valued engine.</summary>
public enum EnterpriseEligibility
{
    /// <summary>Every clause is satisfied with usable, authoritative facts.</summary>
    Eligible,

    /// <summary>No clause fails but some are unknown: "likely eligible — confirm X".</summary>
    LikelyEligible,

    /// <summary>A clause is proved not satisfied.</summary>
    NotEligible,
}
