namespace ServerlessGov.Domain.Sla;

/// <summary>
/// The deadlines a review item is held to: sign and assign, then close. Defaults come from the source documents
/// (Yuhang's risk platform and Sichuan's fast-application track).
/// </summary>
/// <param name="Sign">Time allowed to sign and assign the item.</param>
/// <param name="Close">Time allowed to decide and close it.</param>
public sealed record SlaPolicy(SlaTarget Sign, SlaTarget Close)
{
    /// <summary>Urgent items: signed and assigned within 5 minutes, closed within 24 hours, round the clock.</summary>
    public static SlaPolicy Urgent { get; } = new(
        new SlaTarget(TimeSpan.FromMinutes(5), SlaClockKind.Elapsed),
        new SlaTarget(TimeSpan.FromHours(24), SlaClockKind.Elapsed));

    /// <summary>Normal items: signed and assigned within 24 working hours (one working day), closed within 7 working days.</summary>
    public static SlaPolicy Normal { get; } = new(
        new SlaTarget(TimeSpan.FromHours(24), SlaClockKind.WorkingTime),
        new SlaTarget(TimeSpan.FromDays(7), SlaClockKind.WorkingTime));

    /// <summary>Fast-application track (快申快享): signed within one working day, paid within 60 working days.</summary>
    public static SlaPolicy FastApplication { get; } = new(
        new SlaTarget(TimeSpan.FromHours(24), SlaClockKind.WorkingTime),
        new SlaTarget(TimeSpan.FromDays(60), SlaClockKind.WorkingTime));
}
