using System.Globalization;

namespace ServerlessGov.Domain.Values;

/// <summary>An exact amount of renminbi held as whole fen, so sums and comparisons never drift.</summary>
public readonly record struct Money : IComparable<Money>
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private Money(long fen) => Fen = fen;

    /// <summary>The amount in fen (¥0.01).</summary>
    public long Fen { get; }

    /// <summary>No money.</summary>
    public static Money Zero => default;

    /// <summary>The amount in yuan as an exact decimal.</summary>
    public decimal Yuan => Fen / 100m;

    /// <summary>Creates money from a whole number of fen.</summary>
    public static Money FromFen(long fen) => new(fen);

    /// <summary>Creates money from an amount in yuan that has at most two decimals.</summary>
    /// <exception cref="ArgumentException">The amount has a fraction of a fen.</exception>
    /// <exception cref="OverflowException">The amount does not fit.</exception>
    public static Money FromYuan(decimal yuan)
    {
        var fen = yuan * 100m;
        if (fen != decimal.Truncate(fen))
        {
            throw new ArgumentException($"{yuan.ToString(Invariant)} yuan has a fraction of a fen; round it explicitly.", nameof(yuan));
        }

        return new(checked((long)fen));
    }

    /// <summary>Parses an amount in yuan such as <c>1234.50</c> (invariant culture, at most two decimals).</summary>
    /// <exception cref="FormatException">The text is not an amount of money.</exception>
    public static Money Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Invariant, out var yuan)
            || decimal.Round(yuan, 2) != yuan)
        {
            throw new FormatException($"'{text}' is not an amount in yuan with at most two decimals.");
        }

        return FromYuan(yuan);
    }

    /// <summary>Adds two amounts.</summary>
    /// <exception cref="OverflowException">The sum does not fit.</exception>
    public static Money operator +(Money left, Money right) => new(checked(left.Fen + right.Fen));

    /// <summary>Subtracts two amounts.</summary>
    /// <exception cref="OverflowException">The difference does not fit.</exception>
    public static Money operator -(Money left, Money right) => new(checked(left.Fen - right.Fen));

    /// <summary>Multiplies by a whole count (e.g. children, months).</summary>
    /// <exception cref="OverflowException">The product does not fit.</exception>
    public static Money operator *(Money left, long count) => new(checked(left.Fen * count));

    /// <summary>Compares amounts.</summary>
    public static bool operator <(Money left, Money right) => left.Fen < right.Fen;

    /// <summary>Compares amounts.</summary>
    public static bool operator >(Money left, Money right) => left.Fen > right.Fen;

    /// <summary>Compares amounts.</summary>
    public static bool operator <=(Money left, Money right) => left.Fen <= right.Fen;

    /// <summary>Compares amounts.</summary>
    public static bool operator >=(Money left, Money right) => left.Fen >= right.Fen;

    /// <summary>Sums a sequence of amounts exactly.</summary>
    /// <exception cref="OverflowException">The sum does not fit.</exception>
    public static Money Sum(IEnumerable<Money> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        long total = 0;
        foreach (var amount in amounts)
        {
            total = checked(total + amount.Fen);
        }

        return new(total);
    }

    /// <inheritdoc />
    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    /// <summary>The plain amount in yuan with two decimals, e.g. <c>1234.50</c>, as stored in JSON.</summary>
    public string ToInvariantString() => Yuan.ToString("0.00", Invariant);

    /// <summary>Formats as <c>¥1,234.50</c>.</summary>
    public override string ToString()
    {
        var sign = Fen < 0 ? "-" : string.Empty;
        var magnitude = Math.Abs((decimal)Fen) / 100m;
        return sign + "¥" + magnitude.ToString("#,##0.00", Invariant);
    }
}
