namespace ServerlessGov.Functions.Payouts;

/// <summary>What the bank says became of a key, with its reason when the payment failed or came back.</summary>
public sealed record PaymentStatus(PaymentState State, string? Reason = null)
{
    /// <summary>The bank has no payment under the key.</summary>
    public static PaymentStatus Unknown { get; } = new(PaymentState.Unknown);
}
