namespace ServerlessGov.Population;

/// <summary>Places generated as-ofs before the reference date: fresh (inside a freshness window) or stale (just outside it).</summary>
internal sealed class AsOfClock(DateOnly referenceDate, Random random)
{
    // The reference date's start in Asia/Shanghai, as a UTC instant.
    private readonly DateTimeOffset _reference = new DateTimeOffset(referenceDate.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();

    /// <summary>An instant within the last <paramref name="withinDays"/> days (whole hours).</summary>
    public DateTimeOffset Fresh(int withinDays) => _reference.AddHours(-1 - random.Next(Math.Max(1, (withinDays * 24) - 1)));

    /// <summary>An instant between 1 and 200 days older than a freshness window of <paramref name="window"/>.</summary>
    public DateTimeOffset Stale(TimeSpan window) => _reference - window - TimeSpan.FromHours(24 + random.Next(200 * 24));

    /// <summary>Fresh within a window of <paramref name="windowDays"/> days, or stale with probability <paramref name="staleShare"/>.</summary>
    public DateTimeOffset FreshOrStale(int windowDays, double staleShare) =>
        random.NextDouble() < staleShare ? Stale(TimeSpan.FromDays(windowDays)) : Fresh(Math.Max(1, windowDays * 2 / 3));
}
