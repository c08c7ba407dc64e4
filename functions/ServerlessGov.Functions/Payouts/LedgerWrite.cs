namespace ServerlessGov.Functions.Payouts;

/// <summary>
/// The result of a conditional ledger write: applied (and <see cref="Record"/> is what was written), or lost to a
/// writer that came first (and <see cref="Record"/> is the current record, freshly read).
/// </summary>
public sealed record LedgerWrite(bool Applied, PayoutRecord Record);
