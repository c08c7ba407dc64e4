namespace ServerlessGov.Domain.Serialization.Policies;

/// <summary>The JSON shape of one tier (inclusive bounds).</summary>
public sealed class TierDto
{
    public decimal? From { get; set; }

    public decimal? To { get; set; }

    public string Value { get; set; } = string.Empty;
}
