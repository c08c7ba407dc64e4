namespace ServerlessGov.Population;

/// <summary>
/// What to generate: the same options (seed, counts and reference date) always give byte-identical output. As-ofs are
/// placed relative to <see cref="ReferenceDate"/> (usually today), so fresh facts are fresh when the population is used.
/// </summary>
public sealed record PopulationOptions
{
    /// <summary>The random seed.</summary>
    public required int Seed { get; init; }

    /// <summary>How many residents (grouped into households of 1–5).</summary>
    public required int Residents { get; init; }

    /// <summary>How many enterprises.</summary>
    public required int Enterprises { get; init; }

    /// <summary>The business date (Asia/Shanghai) the data describes; ages and as-ofs are computed from it.</summary>
    public required DateOnly ReferenceDate { get; init; }

    /// <summary>Checks the counts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or the residents exceed 50,000,000.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Residents);
        ArgumentOutOfRangeException.ThrowIfNegative(Enterprises);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Residents, 50_000_000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Enterprises, 50_000_000);
    }
}
