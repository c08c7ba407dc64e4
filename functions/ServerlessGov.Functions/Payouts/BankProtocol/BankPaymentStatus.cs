namespace ServerlessGov.Functions.Payouts.BankProtocol;

/// <summary>The answer to <c>GET payments/{key}</c>: what became of the payment.</summary>
public sealed record BankPaymentStatus(
    string IdempotencyKey,
    string Status,
    string? Reason,
    long AmountFen,
    string Currency,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt);
