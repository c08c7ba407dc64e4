namespace ServerlessGov.Functions.Payouts.BankProtocol;

/// <summary>The answer to an accepted submission; a replay with the same payload gets exactly the same body.</summary>
public sealed record BankPaymentAccepted(string IdempotencyKey, string Status, DateTimeOffset ReceivedAt);
