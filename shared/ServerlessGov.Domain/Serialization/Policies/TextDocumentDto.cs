namespace ServerlessGov.Domain.Serialization.Policies;

/// <summary>The JSON shape of a bilingual text.</summary>
public sealed class TextDocumentDto
{
    public string? Zh { get; set; }

    public string? En { get; set; }
}
