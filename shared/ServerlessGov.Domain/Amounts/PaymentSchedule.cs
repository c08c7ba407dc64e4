namespace ServerlessGov.Domain.Amounts;

/// <summary>A policy's schedule; monthly schedules may prorate a partial first or last month by days.</summary>
public sealed record PaymentSchedule(ScheduleKind Kind, bool Prorate);
