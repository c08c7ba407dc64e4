using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Payouts;

/// <summary>
/// What the bank says became of a key, with its reason when the payment failed or came back, and the amount it holds
/// under the key (so the ledger can check the bank paid what it recorded).
/// </summary>
public sealed record PaymentStatus(PaymentState State, string? Reason = null, Money? Amount = null)
{
    /// <summary>The bank has no payment under the key.</summary>
    public static PaymentStatus Unknown { get; } = new(PaymentState.Unknown);
}
