using ServerlessGov.Functions.Payouts;

namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>The ledger record of a case's payout as an activity last saw it.</summary>
public sealed record PaymentSnapshot(string IdempotencyKey, PayoutState State, bool OutcomeUnknown, string? Reason, DateTimeOffset UpdatedAt)
{
    /// <summary>Settled, failed or returned: the bank has spoken.</summary>
    public bool IsDecided => State is PayoutState.Settled or PayoutState.Failed or PayoutState.Returned;

    /// <summary>The bank holds the instruction (sent with a known outcome, or further).</summary>
    public bool IsInstructed => (State == PayoutState.Sent && !OutcomeUnknown) || State is PayoutState.Settled or PayoutState.Returned;

    /// <summary>The snapshot of a ledger record.</summary>
    public static PaymentSnapshot Of(PayoutRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new PaymentSnapshot(record.IdempotencyKey, record.State, record.OutcomeUnknown, record.Reason, record.UpdatedAt);
    }
}
