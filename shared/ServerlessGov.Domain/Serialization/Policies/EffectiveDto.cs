namespace ServerlessGov.Domain.Serialization.Policies;

/// <summary>The JSON shape of an effective window.</summary>
public sealed class EffectiveDto
{
    public string From { get; set; } = string.Empty;

    public string? Until { get; set; }
}
