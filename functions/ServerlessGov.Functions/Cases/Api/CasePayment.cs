namespace ServerlessGov.Functions.Cases.Api;

/// <summary>One payment attempt of a case as the ledger holds it (the first, then one per corrected account or approved retry).</summary>
/// <param name="Attempt">0 for the first payment, then 1, 2, … after a failed or returned one.</param>
/// <param name="AmountFen">The amount in fen.</param>
/// <param name="PayeeAccount">The account paid, masked.</param>
/// <param name="State">Pending, Sent, Settled, Failed or Returned.</param>
/// <param name="Reason">The bank's reason for a failure or a return.</param>
/// <param name="CreatedAt">When the payment was registered.</param>
/// <param name="InstructedAt">When the bank took the instruction.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record CasePayment(int Attempt, long AmountFen, string PayeeAccount, string State, string? Reason, DateTimeOffset CreatedAt, DateTimeOffset? InstructedAt, DateTimeOffset UpdatedAt);
