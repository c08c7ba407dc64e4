namespace ServerlessGov.Functions.Payouts;

/// <summary>What a submission achieved: accepted, rejected (with the bank's reason) or unknown (no answer).</summary>
public sealed record PaymentSubmissionResult(SubmissionOutcome Outcome, string? Reason = null)
{
    /// <summary>The bank holds the payment under the key (first time or a replay).</summary>
    public static PaymentSubmissionResult Accepted { get; } = new(SubmissionOutcome.Accepted);

    /// <summary>No answer: ask with <see cref="IPaymentGateway.QueryAsync"/> before anything else.</summary>
    public static PaymentSubmissionResult Unknown(string reason) => new(SubmissionOutcome.Unknown, reason);

    /// <summary>The bank refused the instruction and recorded nothing.</summary>
    public static PaymentSubmissionResult Rejected(string reason) => new(SubmissionOutcome.Rejected, reason);
}
