using ServerlessGov.Domain.Sla;

namespace ServerlessGov.Functions.Reviews;

/// <summary>One rung of one deadline's ladder and when it is reached; null <see cref="DueAt"/> while the clock is paused.</summary>
/// <param name="Deadline">The deadline.</param>
/// <param name="Level">The rung.</param>
/// <param name="DueAt">When it is reached.</param>
/// <param name="Plan">The deadline's plan (<see cref="SlaTargetSnapshot.Plan"/>): a re-planned ladder's steps are new steps.</param>
public sealed record EscalationStep(ReviewDeadline Deadline, EscalationLevel Level, DateTimeOffset? DueAt, int Plan = 0)
{
    /// <summary>The step's name within its item (<c>Close-75</c>; <c>Close-75-p1</c> on the first re-plan), used in idempotency keys and on the item.</summary>
    public string Key => Plan == 0 ? $"{Deadline}-{(int)Level}" : $"{Deadline}-{(int)Level}-p{Plan}";
}
