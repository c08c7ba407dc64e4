using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Payouts;

/// <summary>One payment the bank is asked to make, under an idempotency key that makes asking twice harmless.</summary>
/// <remarks>
/// The payload that the idempotency check compares is the account, amount, currency and purpose. The callback URL is
/// delivery metadata, not part of the payment: changing it between retries is not a conflict.
/// </remarks>
public sealed record PaymentInstruction
{
    /// <summary>The currency every instruction uses; the bank refuses any other.</summary>
    public const string Cny = "CNY";

    /// <summary>Creates an instruction.</summary>
    /// <exception cref="ArgumentException">The key is malformed, the amount is not positive, or the purpose is empty or too long.</exception>
    public PaymentInstruction(string idempotencyKey, PayeeAccount payee, Money amount, string purpose, Uri? callbackUrl = null)
    {
        IdempotencyKeys.Validate(idempotencyKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        if (payee.Value is null)
        {
            throw new ArgumentException("A payee account is required.", nameof(payee));
        }

        if (amount.Fen <= 0)
        {
            throw new ArgumentException($"A payment amount must be positive; got {amount.Fen} fen.", nameof(amount));
        }

        if (purpose.Length > MaxPurposeLength)
        {
            throw new ArgumentException($"A purpose has at most {MaxPurposeLength} characters.", nameof(purpose));
        }

        if (callbackUrl is { IsAbsoluteUri: false })
        {
            throw new ArgumentException("The callback URL must be absolute.", nameof(callbackUrl));
        }

        IdempotencyKey = idempotencyKey;
        Payee = payee;
        Amount = amount;
        Purpose = purpose;
        CallbackUrl = callbackUrl;
    }

    /// <summary>The longest purpose text a bank accepts.</summary>
    public const int MaxPurposeLength = 140;

    /// <summary>The key that makes a retry of this instruction the same payment.</summary>
    public string IdempotencyKey { get; }

    /// <summary>The pseudonymous account reference the money goes to.</summary>
    public PayeeAccount Payee { get; }

    /// <summary>The amount, exact in fen.</summary>
    public Money Amount { get; }

    /// <summary>Always <see cref="Cny"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Part of the instruction as the bank reads it, beside its other properties.")]
    public string Currency => Cny;

    /// <summary>The policy and period the payment is for, as shown on the payee's statement.</summary>
    public string Purpose { get; }

    /// <summary>Where the bank reports settlement, failure and return; null to rely on polling.</summary>
    public Uri? CallbackUrl { get; }
}
