using System.Text.Json.Serialization;

namespace ServerlessGov.Domain.Serialization;

/// <summary>Source-generated JSON metadata for the domain's documents, so loading needs no reflection.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DictionaryDocument))]
[JsonSerializable(typeof(Policies.PolicyDto))]
internal sealed partial class DomainJsonContext : JsonSerializerContext;
