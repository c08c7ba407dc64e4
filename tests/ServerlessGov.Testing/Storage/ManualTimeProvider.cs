namespace ServerlessGov.Testing;

/// <summary>A clock that only moves when a test moves it, for crossing time-to-live and visibility deadlines instantly.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now;

    public ManualTimeProvider(DateTimeOffset start)
    {
        _now = start.ToUniversalTime();
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>Moves the clock forward.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The step is negative.</exception>
    public void Advance(TimeSpan step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, TimeSpan.Zero);
        lock (_gate)
        {
            _now += step;
        }
    }
}
