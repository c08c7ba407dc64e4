namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>
/// The real clock moved by an offset a test sets and advances: time keeps flowing (settlements, polls and leases
/// work as in production) and a test can jump over a seven-day deadline or to a chosen business date at once.
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public ShiftedClock(DateTimeOffset now)
    {
        _offsetTicks = (now - System.GetUtcNow()).Ticks;
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Jumps forward by <paramref name="step"/>.</summary>
    public void Advance(TimeSpan step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, step.Ticks);
    }

    /// <summary>Jumps forward to <paramref name="instant"/>.</summary>
    public void MoveTo(DateTimeOffset instant) => Advance(instant - GetUtcNow());

    /// <summary>An instant given as a time of day in Asia/Shanghai.</summary>
    public static DateTimeOffset Beijing(int year, int month, int day, int hour = 12, int minute = 0, int second = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromHours(8)).ToUniversalTime();
}
