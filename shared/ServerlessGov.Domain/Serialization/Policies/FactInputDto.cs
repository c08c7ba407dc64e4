using System.Text.Json;

namespace ServerlessGov.Domain.Serialization.Policies;

/// <summary>The JSON shape of a fact given to a test case.</summary>
public sealed class FactInputDto
{
    public JsonElement Value { get; set; }

    public string Source { get; set; } = string.Empty;

    public string? AsOf { get; set; }
}
