namespace ServerlessGov.Domain.Serialization.Policies;

/// <summary>The JSON shape of an amount rule.</summary>
public sealed class AmountDto
{
    public string Kind { get; set; } = string.Empty;

    public string? Value { get; set; }

    public string? TierOn { get; set; }

    public List<TierDto>? Tiers { get; set; }

    public RoundingDto? Rounding { get; set; }

    public bool Sample { get; set; }
}
