namespace ServerlessGov.Functions.Payouts.Reconciliation;

/// <summary>The ledger against the bank for one business day: the count of each result, both totals, and every line that is not matched first.</summary>
/// <param name="Date">The business day (Asia/Shanghai), <c>yyyy-MM-dd</c>.</param>
/// <param name="Matched">Payments both sides hold alike.</param>
/// <param name="MissingAtBank">Payments the ledger sent that the bank does not hold.</param>
/// <param name="ExtraAtBank">Payments the bank holds that the ledger never issued.</param>
/// <param name="AmountDiffers">Payments whose amounts differ.</param>
/// <param name="StateDiffers">Payments whose final status differs.</param>
/// <param name="LedgerTotalFen">The ledger's total of the day's payments, in fen.</param>
/// <param name="BankTotalFen">The bank's total, in fen.</param>
/// <param name="Lines">Every payment of the day, differences first.</param>
public sealed record ReconciliationReport(
    string Date, int Matched, int MissingAtBank, int ExtraAtBank, int AmountDiffers, int StateDiffers, long LedgerTotalFen, long BankTotalFen, IReadOnlyList<ReconciliationLine> Lines);
