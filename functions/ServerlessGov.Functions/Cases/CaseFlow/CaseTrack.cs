namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>How a case starts: the data proved eligibility (paid without review) or a person must decide first.</summary>
public enum CaseTrack
{
    /// <summary>Every fact was authoritative and fresh and the rule is satisfied: paid with no review.</summary>
    Automatic,

    /// <summary>The data could not decide (or the policy is on the fast-application track): a reviewer decides.</summary>
    Review,
}
