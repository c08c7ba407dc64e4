namespace ServerlessGov.Functions.Payouts.BankProtocol;

/// <summary>The parts of an RFC 9457 problem details body the gateway reads back.</summary>
public sealed record BankProblem(string? Title, string? Detail, int? Status);
