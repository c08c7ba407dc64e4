namespace ServerlessGov.Domain.Dictionary;

/// <summary>The languages explanations are rendered in.</summary>
public enum Language
{
    /// <summary>Simplified Chinese.</summary>
    Zh,

    /// <summary>English.</summary>
    En,
}
