namespace ServerlessGov.Domain.Dictionary;

/// <summary>What a fact describes; a policy for residents may use resident and household facts, one for enterprises enterprise facts.</summary>
public enum SubjectKind
{
    /// <summary>A natural person.</summary>
    Resident,

    /// <summary>The registered household (户) a resident belongs to.</summary>
    Household,

    /// <summary>An enterprise or other organisation with a credit code.</summary>
    Enterprise,
}
