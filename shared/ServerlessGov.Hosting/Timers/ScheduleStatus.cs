namespace ServerlessGov.Hosting.Timers;

/// <summary>A timer's persisted schedule state, as Azure's ScheduleStatus: the last occurrence run, the next one due, and when this was written.</summary>
public sealed record ScheduleStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated);
