using System.Text.Json.Serialization;

namespace ServerlessGov.Domain.Serialization;

/// <summary>
/// Source-generated JSON metadata for the domain's documents, so loading needs no reflection. Reading is strict where
/// leniency would hide a mistake: a property given twice and a null where a value is required are errors.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    AllowDuplicateProperties = false,
    RespectNullableAnnotations = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DictionaryDocument))]
[JsonSerializable(typeof(Policies.PolicyDto))]
internal sealed partial class DomainJsonContext : JsonSerializerContext;
