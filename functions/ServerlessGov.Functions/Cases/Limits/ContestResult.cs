namespace ServerlessGov.Functions.Cases.Limits;

/// <summary>How a proven subject fares against the other candidates of its exclusion group and beneficiary limit.</summary>
public enum ContestResult
{
    /// <summary>The subject receives the benefit for the period.</summary>
    Wins,

    /// <summary>Another policy of the group pays the subject more, or another member of the household (or the spouse) comes first.</summary>
    Outranked,

    /// <summary>The subject would come first, but another candidate already holds the period (paid or being paid): it is not paid twice; the better one starts from the next period.</summary>
    Held,

    /// <summary>The limit cannot be checked: the household or the spouse is not known from authoritative, fresh data.</summary>
    Unknown,
}
