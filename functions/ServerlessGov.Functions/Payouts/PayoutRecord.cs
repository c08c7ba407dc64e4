using ServerlessGov.Domain.Values;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Payouts;

/// <summary>One row of the payout ledger as last read; change it with <c>with</c> and write it back through <see cref="PayoutLedger.TryUpdateAsync"/>.</summary>
public sealed record PayoutRecord
{
    /// <summary>What the payout is for.</summary>
    public required PayoutKey Key { get; init; }

    /// <summary>
    /// The key the bank knows this payout by: keyed with the secret in force when the payout was registered
    /// (<see cref="PayoutKeySigner"/>), and kept, so every later submission and query uses the same one.
    /// </summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The amount, exact in fen; fixed at registration.</summary>
    public required Money Amount { get; init; }

    /// <summary>Where the money goes; fixed at registration.</summary>
    public required PayeeAccount Payee { get; init; }

    /// <summary>The text the payee's statement shows; fixed at registration so retries carry the same payload.</summary>
    public required string Purpose { get; init; }

    /// <summary>The ledger state.</summary>
    public required PayoutState State { get; init; }

    /// <summary>True while the record is <see cref="PayoutState.Sent"/> but the bank's answer to the submission was lost.</summary>
    public bool OutcomeUnknown { get; init; }

    /// <summary>How many submissions this ledger has started for the payout (each under the same idempotency key).</summary>
    public int Submissions { get; init; }

    /// <summary>Until when one executor holds the right to submit; others wait rather than submit alongside it.</summary>
    public DateTimeOffset? ClaimedUntil { get; init; }

    /// <summary>The bank's reason for a failure or return.</summary>
    public string? Reason { get; init; }

    /// <summary>When the record was created (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the record last changed (UTC).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// When the ledger first recorded that the bank holds the instruction (UTC): set by the write that makes the record
    /// <see cref="IsInstructed"/> and kept afterwards, so a case that first looks after settlement still sees it.
    /// Null until then, and for records written before it was kept.
    /// </summary>
    public DateTimeOffset? InstructedAt { get; init; }

    /// <summary>The bank holds the instruction: sent with a known outcome, settled or returned.</summary>
    public bool IsInstructed => HoldsInstruction(State, OutcomeUnknown);

    /// <summary>Whether a payout in <paramref name="state"/> means the bank holds the instruction.</summary>
    public static bool HoldsInstruction(PayoutState state, bool outcomeUnknown) =>
        (state == PayoutState.Sent && !outcomeUnknown) || state is PayoutState.Settled or PayoutState.Returned;

    /// <summary>The version read from the store; a write with an older one loses.</summary>
    public ETag ETag { get; init; }

    /// <summary>True for <see cref="PayoutState.Failed"/>, <see cref="PayoutState.Returned"/> and <see cref="PayoutState.Conflict"/>, which never change again.</summary>
    public bool IsFinal => State is PayoutState.Failed or PayoutState.Returned or PayoutState.Conflict;
}
