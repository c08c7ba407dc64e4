namespace ServerlessGov.Functions.Payouts;

/// <summary>The ledger record for a key, and whether this call created it (false: it existed, and is returned unchanged).</summary>
public sealed record PayoutRegistration(PayoutRecord Record, bool Created);
