namespace ServerlessGov.Domain.Values;

/// <summary>An explicit rounding rule (unit and mode) that turns an exact decimal amount into <see cref="Money"/>.</summary>
public readonly record struct Rounding(RoundingUnit Unit, RoundingMode Mode)
{
    /// <summary>Round to the fen, half up: the usual rule for payments.</summary>
    public static Rounding FenHalfUp { get; } = new(RoundingUnit.Fen, RoundingMode.HalfUp);

    /// <summary>Rounds an exact amount in yuan to money.</summary>
    /// <exception cref="OverflowException">The amount does not fit in fen as a 64-bit integer.</exception>
    public Money Apply(decimal yuan)
    {
        var strategy = Mode switch
        {
            RoundingMode.HalfUp => MidpointRounding.AwayFromZero,
            RoundingMode.HalfEven => MidpointRounding.ToEven,
            _ => MidpointRounding.ToZero,
        };
        var decimals = Unit == RoundingUnit.Fen ? 2 : 0;
        var rounded = Math.Round(yuan, decimals, strategy);
        return Money.FromFen(checked((long)(rounded * 100m)));
    }

    /// <inheritdoc />
    public override string ToString() => $"{Unit}/{Mode}";
}
