namespace ServerlessGov.Functions.Payouts.BankProtocol;

/// <summary>
/// What the bank POSTs to an instruction's callback URL when a payment settles, fails or comes back. It may arrive
/// more than once and out of order; <see cref="Version"/> grows with each change of the payment.
/// </summary>
public sealed record BankPaymentCallback(string IdempotencyKey, string Status, string? Reason, int Version, DateTimeOffset OccurredAt);
