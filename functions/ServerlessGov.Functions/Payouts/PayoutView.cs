namespace ServerlessGov.Functions.Payouts;

/// <summary>One ledger record as operators and auditors read it (the payee account masked).</summary>
/// <param name="IdempotencyKey">The key the bank knows it by.</param>
/// <param name="PolicyId">The policy.</param>
/// <param name="SubjectId">The pseudonymous beneficiary.</param>
/// <param name="Period">The period paid (<c>{period}-r{n}</c> for a payment after a failed or returned one).</param>
/// <param name="AmountFen">The amount in fen.</param>
/// <param name="PayeeAccount">The account, masked.</param>
/// <param name="State">Pending, Sent, Settled, Failed or Returned.</param>
/// <param name="OutcomeUnknown">True while the bank's answer to a submission is unknown.</param>
/// <param name="Reason">The bank's reason for a failure or return.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="InstructedAt">When the bank took the instruction.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record PayoutView(
    string IdempotencyKey, string PolicyId, string SubjectId, string Period, long AmountFen, string PayeeAccount, string State, bool OutcomeUnknown,
    string? Reason, DateTimeOffset CreatedAt, DateTimeOffset? InstructedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The view of a record.</summary>
    public static PayoutView Of(PayoutRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.IdempotencyKey, record.Key.PolicyId, record.Key.Beneficiary.Value, record.Key.Period, record.Amount.Fen,
            Cases.Api.PayeeAccountMask.Mask(record.Payee.Value), record.State.ToString(), record.OutcomeUnknown, record.Reason, record.CreatedAt, record.InstructedAt, record.UpdatedAt);
    }
}
