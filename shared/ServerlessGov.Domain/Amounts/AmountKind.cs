namespace ServerlessGov.Domain.Amounts;

/// <summary>How a policy's amount is determined.</summary>
public enum AmountKind
{
    /// <summary>A constant or a single parameter, the same for every beneficiary.</summary>
    Fixed,

    /// <summary>Chosen from bands of a value (e.g. age 80–89 / 90–99 / 100+).</summary>
    Tiered,

    /// <summary>Computed from parameters and facts with + − × ÷ min max.</summary>
    Formula,
}
