namespace ServerlessGov.Functions.ChaosWorker;

/// <summary>The faults a chaos worker plays (configuration section <c>Chaos</c>); all off unless set.</summary>
public sealed class ChaosOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Chaos";

    /// <summary>The share (0–1) of messages received for the first time that are also sent again as a copy, so they are delivered twice.</summary>
    public double DuplicateShare { get; set; }

    /// <summary>Seeds which messages are duplicated, so a run can be repeated.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>
    /// How long the durable engine hides a message it is working on (the engine's default is 5 minutes). A killed
    /// worker's messages come back after this, so a test that kills workers sets it short.
    /// </summary>
    public TimeSpan? DurableMessageVisibility { get; set; }

    /// <summary>When set, the app's clock (<see cref="TimeProvider"/>) runs this far ahead of the system clock (<see cref="ShiftedTimeProvider"/>).</summary>
    public TimeSpan? ClockOffset { get; set; }
}
