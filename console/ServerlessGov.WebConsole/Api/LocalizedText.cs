namespace ServerlessGov.WebConsole.Api;

/// <summary>A text the API gives in both languages (a policy's title, a fact's label, a source's name).</summary>
public sealed record LocalizedText(string Zh, string En)
{
    /// <summary>The text in <paramref name="language"/>.</summary>
    public string In(Text.ConsoleLanguage language) => language == Text.ConsoleLanguage.Zh ? Zh : En;
}
