namespace ServerlessGov.Domain.Dictionary;

/// <summary>A short text in Simplified Chinese and English, used for labels shown to residents and staff.</summary>
public sealed record LocalizedText(string Zh, string En)
{
    /// <summary>The text in the requested language.</summary>
    public string In(Language language) => language == Language.Zh ? Zh : En;
}
