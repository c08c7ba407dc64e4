using System.Text.Json;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Rules.Json;
using ServerlessGov.Domain.Rules.Text;
using ServerlessGov.Domain.Serialization;
using ServerlessGov.Domain.Serialization.Policies;
using ServerlessGov.Serialization;

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

    /// <summary>
    /// The errors of a document that no draft may hold, even while it is being written: a rule or formula beyond
    /// <see cref="RuleLimits"/>. Other mistakes (a document that does not read as a policy at all included) are for
    /// validation to report.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public static IReadOnlyList<PolicyValidationError> CheckLimits(string json)
    {
        var (dto, _) = Read(json);
        if (dto is null)
        {
            return [];
        }

        var breaches = new List<PolicyValidationError>();
        Check(dto.Rule, "$.rule");
        if (dto.Amount is { } amount)
        {
            Check(amount.Value, "$.amount.value");
            Check(amount.TierOn, "$.amount.tierOn");
            for (var i = 0; i < (amount.Tiers?.Count ?? 0); i++)
            {
                Check(amount.Tiers![i]?.Value, $"$.amount.tiers[{i}].value");
            }
        }

        return breaches;

        void Check(object? rule, string path)
        {
            try
            {
                _ = rule switch
                {
                    string text when !string.IsNullOrWhiteSpace(text) => RuleParser.Parse(text),
                    JsonElement { ValueKind: JsonValueKind.String } element => RuleParser.Parse(RuleJsonReader.Text(element, path)),
                    JsonElement { ValueKind: JsonValueKind.Object } element => RuleJsonReader.Read(element, path),
                    _ => null,
                };
            }
            catch (RuleException ex)
            {
                breaches.AddRange(ex.Errors.Where(RuleLimits.IsLimit).Select(e => new PolicyValidationError(path, $"{e.Message} [{e.Code}]")));
            }
        }
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
            return (null, JsonReadErrors.Describe(ex, DomainJsonContext.Default.Options, typeof(PolicyDto)).Select(e => new PolicyValidationError(e.Path, e.Rule)).ToList());
        }
    }
}
