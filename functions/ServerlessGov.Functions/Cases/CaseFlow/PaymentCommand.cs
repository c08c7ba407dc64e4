namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>What the payment activity registers in the ledger and pays: the payout key's parts, amount, account and statement text.</summary>
public sealed record PaymentCommand(string CaseInstanceId, string PolicyId, string SubjectId, string PayoutPeriod, long AmountFen, string PayeeAccount, string Purpose);
