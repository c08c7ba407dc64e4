namespace ServerlessGov.Domain.Serialization;

/// <summary>The JSON shape of <c>dictionary.json</c>.</summary>
internal sealed class DictionaryDocument
{
    public int Version { get; set; }

    public List<SourceDocument> Sources { get; set; } = [];

    public List<FactDocument> Facts { get; set; } = [];
}
