namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>The output of a case orchestration.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="AmountFen">The amount paid (0 when nothing was paid).</param>
/// <param name="Reason">Why, in words, for anything but a plain payment.</param>
/// <param name="IdempotencyKey">The payout's idempotency key when a payment was made.</param>
/// <param name="DecidedAt">When the data was evaluated.</param>
/// <param name="InstructedAt">When the bank accepted the payment instruction.</param>
/// <param name="SettledAt">When the case saw the settlement.</param>
public sealed record CaseResult(
    CaseOutcome Outcome,
    long AmountFen,
    string? Reason,
    string? IdempotencyKey,
    DateTimeOffset DecidedAt,
    DateTimeOffset? InstructedAt,
    DateTimeOffset? SettledAt);
