namespace ServerlessGov.Functions.Payouts.BankProtocol;

/// <summary>The body of <c>POST payments</c>; every field is nullable so the bank can name a missing one.</summary>
public sealed record BankPaymentRequest(string? PayeeAccount, long? AmountFen, string? Currency, string? Purpose, Uri? CallbackUrl);
