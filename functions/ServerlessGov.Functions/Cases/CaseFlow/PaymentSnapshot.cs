using ServerlessGov.Functions.Payouts;

namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>The ledger record of a case's payout as an activity last saw it.</summary>
/// <param name="IdempotencyKey">The payout's key at the bank.</param>
/// <param name="State">The ledger state.</param>
/// <param name="OutcomeUnknown">Sent, but the bank's answer was lost.</param>
/// <param name="Reason">The bank's reason for a failure or a return.</param>
/// <param name="UpdatedAt">When the ledger record last changed.</param>
/// <param name="AmountFen">
/// The amount the ledger holds under the key, which is what the bank is paid: fixed when the key was first registered,
/// so it wins over the amount of a later registration (0 in snapshots recorded before it was carried).
/// </param>
/// <param name="InstructedAt">When the ledger first recorded that the bank holds the instruction (null before then, and in snapshots recorded before it was carried).</param>
public sealed record PaymentSnapshot(string IdempotencyKey, PayoutState State, bool OutcomeUnknown, string? Reason, DateTimeOffset UpdatedAt, long AmountFen = 0, DateTimeOffset? InstructedAt = null)
{
    /// <summary>Settled, failed, returned, or in conflict (the bank holds another payment under the key): nothing more to wait for.</summary>
    public bool IsDecided => State is PayoutState.Settled or PayoutState.Failed or PayoutState.Returned or PayoutState.Conflict;

    /// <summary>The bank holds the instruction (sent with a known outcome, or further).</summary>
    public bool IsInstructed => PayoutRecord.HoldsInstruction(State, OutcomeUnknown);

    /// <summary>The amount the bank is paid under the key; <paramref name="asked"/> for a snapshot that does not carry it.</summary>
    public long AmountOr(long asked) => AmountFen > 0 ? AmountFen : asked;

    /// <summary>The snapshot of a ledger record.</summary>
    public static PaymentSnapshot Of(PayoutRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new PaymentSnapshot(record.IdempotencyKey, record.State, record.OutcomeUnknown, record.Reason, record.UpdatedAt, record.Amount.Fen, record.InstructedAt);
    }

    /// <summary>When the bank took the instruction, as near as the snapshot knows: the ledger's instructed time, else the last change.</summary>
    public DateTimeOffset InstructedAtOrUpdated => InstructedAt ?? UpdatedAt;
}
