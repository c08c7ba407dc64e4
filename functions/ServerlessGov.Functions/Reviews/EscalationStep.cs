using ServerlessGov.Domain.Sla;

namespace ServerlessGov.Functions.Reviews;

/// <summary>One rung of one deadline's ladder and when it is reached; null <see cref="DueAt"/> while the clock is paused.</summary>
public sealed record EscalationStep(ReviewDeadline Deadline, EscalationLevel Level, DateTimeOffset? DueAt)
{
    /// <summary>The step's name within its item (<c>Close-75</c>), used in idempotency keys and on the item.</summary>
    public string Key => $"{Deadline}-{(int)Level}";
}
