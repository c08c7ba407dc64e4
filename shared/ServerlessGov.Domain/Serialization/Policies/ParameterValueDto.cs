namespace ServerlessGov.Domain.Serialization.Policies;

/// <summary>The JSON shape of one value of a parameter.</summary>
public sealed class ParameterValueDto
{
    public string EffectiveFrom { get; set; } = string.Empty;

    public decimal Value { get; set; }

    public string LegalReference { get; set; } = string.Empty;
}
