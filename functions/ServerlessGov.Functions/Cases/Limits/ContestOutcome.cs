using ServerlessGov.Domain.Evaluation;

namespace ServerlessGov.Functions.Cases.Limits;

/// <summary>
/// What <see cref="BenefitContest"/> decided for a proven subject and policy: it receives the benefit (with the key its
/// beneficiary-limit slot is held under), another candidate does (and why), or the limit cannot be checked (and why).
/// </summary>
/// <param name="Result">Wins, outranked, held by another, or unknown.</param>
/// <param name="Reason">For a subject that does not receive it: who does, in words.</param>
/// <param name="Reasons">For an unknown limit: the facts a reviewer must confirm (the household number, the spouse).</param>
/// <param name="LimitSlot">For a winner under a beneficiary limit: the household or couple the limit's slot names.</param>
public sealed record ContestOutcome(ContestResult Result, string? Reason, IReadOnlyList<UnknownReason> Reasons, string? LimitSlot)
{
    /// <summary>No constraint applies: the subject receives the benefit.</summary>
    public static ContestOutcome Unconstrained { get; } = new(ContestResult.Wins, null, [], null);
}
