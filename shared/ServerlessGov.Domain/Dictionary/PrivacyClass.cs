namespace ServerlessGov.Domain.Dictionary;

/// <summary>How sensitive a fact is; explanations and traces mask identifiers and collect only what is needed.</summary>
public enum PrivacyClass
{
    /// <summary>Public or organisational information.</summary>
    Public,

    /// <summary>Ordinary personal information (age, district).</summary>
    Personal,

    /// <summary>Sensitive personal information (health, disability, income, assistance status).</summary>
    Sensitive,

    /// <summary>An identity number: always masked when shown.</summary>
    Identifier,
}
