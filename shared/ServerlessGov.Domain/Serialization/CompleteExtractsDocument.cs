using System.Text.Json;

namespace ServerlessGov.Domain.Serialization;

/// <summary>The JSON shape of a fact's complete extracts in the dictionary: which sources deliver them and what absence means.</summary>
internal sealed class CompleteExtractsDocument
{
    public List<string> Sources { get; set; } = [];

    public JsonElement Absent { get; set; }
}
