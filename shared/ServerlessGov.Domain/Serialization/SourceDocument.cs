namespace ServerlessGov.Domain.Serialization;

/// <summary>The JSON shape of one data source in the dictionary.</summary>
internal sealed class SourceDocument
{
    public string Code { get; set; } = string.Empty;

    public TextDocument? Name { get; set; }
}
