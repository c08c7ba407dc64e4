namespace ServerlessGov.Hosting.Timers;

/// <summary>What a timer-triggered function is told about the occurrence it runs for.</summary>
public sealed record TimerInfo
{
    /// <summary>The occurrence being run (UTC); for runOnStartup, the start time.</summary>
    public required DateTimeOffset ScheduledTime { get; init; }

    /// <summary>True when the occurrence was missed (no host ran it on time) and is being run late, once.</summary>
    public required bool IsPastDue { get; init; }

    /// <summary>The schedule state before this run; null the first time the timer ever runs.</summary>
    public ScheduleStatus? ScheduleStatus { get; init; }
}
