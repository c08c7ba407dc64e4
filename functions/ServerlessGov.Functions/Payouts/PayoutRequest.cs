using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Payouts;

/// <summary>What the case asks the ledger to pay: for which key, how much, to which account, with which statement text.</summary>
public sealed record PayoutRequest
{
    /// <summary>Creates a request.</summary>
    /// <exception cref="ArgumentException">The amount is not positive, or the purpose is empty or too long.</exception>
    public PayoutRequest(PayoutKey key, Money amount, PayeeAccount payee, string purpose)
    {
        if (key.PolicyId is null)
        {
            throw new ArgumentException("A payout key is required.", nameof(key));
        }

        if (payee.Value is null)
        {
            throw new ArgumentException("A payee account is required.", nameof(payee));
        }

        if (amount.Fen <= 0)
        {
            throw new ArgumentException($"A payout must be positive; got {amount.Fen} fen.", nameof(amount));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        if (purpose.Length > PaymentInstruction.MaxPurposeLength)
        {
            throw new ArgumentException($"A purpose has at most {PaymentInstruction.MaxPurposeLength} characters.", nameof(purpose));
        }

        Key = key;
        Amount = amount;
        Payee = payee;
        Purpose = purpose;
    }

    public PayoutKey Key { get; }

    public Money Amount { get; }

    public PayeeAccount Payee { get; }

    public string Purpose { get; }
}
