namespace ServerlessGov.Functions.ChaosWorker;

/// <summary>
/// The system clock moved by a fixed offset, given to every process of a chaos run (workers and the test's own view of
/// the store) so they agree on one business date that stays far from midnight in Asia/Shanghai while the test runs:
/// the rules the test recomputes are then decided on the same day as the app decides them.
/// </summary>
public sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    /// <summary>How far this clock is ahead of the system clock.</summary>
    public TimeSpan Offset { get; } = offset;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>The offset that puts the system clock's "now" at <paramref name="localTimeOfDay"/> in Asia/Shanghai (UTC+8), never negative.</summary>
    public static TimeSpan ToReach(TimeSpan localTimeOfDay)
    {
        var shanghai = System.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var offset = localTimeOfDay - shanghai.TimeOfDay;
        return offset < TimeSpan.Zero ? offset + TimeSpan.FromDays(1) : offset;
    }
}
