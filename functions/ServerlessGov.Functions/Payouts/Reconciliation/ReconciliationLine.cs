namespace ServerlessGov.Functions.Payouts.Reconciliation;

/// <summary>One payment of the reconciliation: its key, the result, and what each side holds.</summary>
/// <param name="IdempotencyKey">The key the bank knows the payment by.</param>
/// <param name="Result">How the two sides compare.</param>
/// <param name="PolicyId">The policy, from the ledger (null for a payment only the bank holds).</param>
/// <param name="Period">The period paid, from the ledger.</param>
/// <param name="LedgerAmountFen">The ledger's amount.</param>
/// <param name="BankAmountFen">The bank's amount.</param>
/// <param name="LedgerState">The ledger's state.</param>
/// <param name="BankState">The bank's status.</param>
public sealed record ReconciliationLine(
    string IdempotencyKey, ReconciliationResult Result, string? PolicyId, string? Period, long? LedgerAmountFen, long? BankAmountFen, string? LedgerState, string? BankState);
