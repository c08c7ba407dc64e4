namespace ServerlessGov.Domain.Values;

/// <summary>The unit an amount is rounded to before it is paid.</summary>
public enum RoundingUnit
{
    /// <summary>One fen (¥0.01).</summary>
    Fen,

    /// <summary>One yuan (¥1).</summary>
    Yuan,
}
