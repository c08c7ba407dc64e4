namespace ServerlessGov.Domain.Serialization;

/// <summary>The JSON shape of a bilingual text.</summary>
internal sealed class TextDocument
{
    public string? Zh { get; set; }

    public string? En { get; set; }
}
