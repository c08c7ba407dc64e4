using System.Text.Json;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Serialization;
using ServerlessGov.Domain.Serialization.Policies;

namespace ServerlessGov.Domain.Policies;

/// <summary>Reads a policy document from JSON, validates it completely (test cases included) and returns the typed policy.</summary>
public static class PolicyDocumentLoader
{
    /// <summary>Every error in the document (empty when it may be published).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<PolicyValidationError> Validate(string json, DataDictionary dictionary)
    {
        var (dto, errors) = Read(json);
        return dto is null ? errors : new PolicyDocumentValidator(dictionary).ValidateDocument(dto);
    }

    /// <summary>The validated policy.</summary>
    /// <exception cref="PolicyValidationException">The document is invalid or a test case fails.</exception>
    public static PolicyDocument Load(string json, DataDictionary dictionary)
    {
        var (dto, errors) = Read(json);
        if (dto is null)
        {
            throw new PolicyValidationException(errors);
        }

        var validation = new PolicyDocumentValidator(dictionary).ValidateDocument(dto);
        if (validation.Count > 0)
        {
            throw new PolicyValidationException(validation);
        }

        return new PolicyDocumentMapper(dictionary).Map(dto)!;
    }

    private static (PolicyDto? Dto, IReadOnlyList<PolicyValidationError> Errors) Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var dto = JsonSerializer.Deserialize(json, DomainJsonContext.Default.PolicyDto);
            return dto is null ? (null, [new PolicyValidationError("$", "the document is empty")]) : (dto, []);
        }
        catch (JsonException ex)
        {
            return (null, [new PolicyValidationError(ex.Path ?? "$", $"not valid JSON: {ex.Message}")]);
        }
    }
}
