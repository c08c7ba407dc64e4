using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Payouts;

/// <summary>
/// What the bank says became of a key, with its reason when the payment failed or came back, and what it holds under
/// the key (payee account, amount, currency, purpose), so the ledger can check the bank pays what it recorded. A
/// gateway states all four for every key the bank holds; one it leaves out counts as a difference.
/// </summary>
public sealed record PaymentStatus(PaymentState State, string? Reason = null, Money? Amount = null)
{
    /// <summary>
    /// The account the bank pays under the key, exactly as the bank writes it; null when it does not say. Text, not a
    /// <see cref="ServerlessGov.Functions.Payouts.PayeeAccount"/>: it is the bank's evidence, compared with the ledger's reference as it stands,
    /// so an account in another spelling or format, or one that is no valid reference at all, is a difference and
    /// never a reason to throw or to drop it (a dropped account would compare as "not said" and slip through).
    /// </summary>
    public string? PayeeAccount { get; init; }

    /// <summary>The currency of the payment under the key, when the bank says.</summary>
    public string? Currency { get; init; }

    /// <summary>The purpose the bank holds under the key, when it says.</summary>
    public string? Purpose { get; init; }

    /// <summary>The bank has no payment under the key.</summary>
    public static PaymentStatus Unknown { get; } = new(PaymentState.Unknown);
}
