namespace ServerlessGov.Domain.Serialization.Policies;

/// <summary>The JSON shape of a rounding rule.</summary>
public sealed class RoundingDto
{
    public string To { get; set; } = string.Empty;

    public string Mode { get; set; } = string.Empty;
}
