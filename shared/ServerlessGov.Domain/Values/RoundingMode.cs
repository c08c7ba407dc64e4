namespace ServerlessGov.Domain.Values;

/// <summary>How an exact amount is rounded to its unit; policies name one explicitly so payments never depend on a default.</summary>
public enum RoundingMode
{
    /// <summary>Round half away from zero (四舍五入).</summary>
    HalfUp,

    /// <summary>Round half to even (banker's rounding).</summary>
    HalfEven,

    /// <summary>Truncate toward zero (舍去), never paying more than the exact amount.</summary>
    Down,
}
