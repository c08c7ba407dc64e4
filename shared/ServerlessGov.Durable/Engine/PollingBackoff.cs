namespace ServerlessGov.Durable.Engine;

/// <summary>
/// The idle wait between polls: starts at the minimum, doubles with ±20 % jitter after each empty poll up to the
/// maximum (as the Functions queue listener does), and resets when a poll finds work.
/// </summary>
internal sealed class PollingBackoff(TimeSpan minimum, TimeSpan maximum)
{
    private TimeSpan _current = TimeSpan.Zero;

    public void Reset() => _current = TimeSpan.Zero;

    public TimeSpan Next()
    {
        var doubled = _current == TimeSpan.Zero ? minimum : _current * 2;
        _current = doubled > maximum ? maximum : doubled;
#pragma warning disable CA5394 // Jitter only spreads idle polls; it needs no cryptographic randomness.
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
#pragma warning restore CA5394
        return _current * jitter;
    }
}
