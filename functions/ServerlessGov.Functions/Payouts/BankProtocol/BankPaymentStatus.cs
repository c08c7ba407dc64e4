namespace ServerlessGov.Functions.Payouts.BankProtocol;

/// <summary>The answer to <c>GET payments/{key}</c>: what became of the payment, and what the payment is (to whom, how much, what for).</summary>
public sealed record BankPaymentStatus(
    string IdempotencyKey,
    string Status,
    string? Reason,
    long? AmountFen,
    string Currency,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    string? PayeeAccount = null,
    string? Purpose = null);
