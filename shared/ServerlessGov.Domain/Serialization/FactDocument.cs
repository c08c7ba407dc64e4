namespace ServerlessGov.Domain.Serialization;

/// <summary>The JSON shape of one fact in the dictionary.</summary>
internal sealed class FactDocument
{
    public string Name { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    public List<string>? Values { get; set; }

    public string? Unit { get; set; }

    public string Subject { get; set; } = string.Empty;

    public List<string> Sources { get; set; } = [];

    public string Freshness { get; set; } = string.Empty;

    public string Privacy { get; set; } = string.Empty;

    public TextDocument? Label { get; set; }

    public CompleteExtractsDocument? CompleteExtracts { get; set; }
}
