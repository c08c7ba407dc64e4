using ServerlessGov.Functions.Cases.CaseFlow;

namespace ServerlessGov.Functions.Cases.Allowances;

/// <summary>The decision for one month of an allowance.</summary>
/// <param name="Kind">Pay, review or stop.</param>
/// <param name="Case">The month's case input when something is to be paid or reviewed (for a stop: the prorated final days, if any).</param>
/// <param name="StopDate">The first day not paid (<c>yyyy-MM-dd</c>) for a stop.</param>
/// <param name="Reason">Why it stops, or who receives the month instead, in words.</param>
/// <param name="EligibleDays">For a payment, the days of the month it covers.</param>
public sealed record AllowanceDecision(AllowanceDecisionKind Kind, CaseInput? Case, string? StopDate, string? Reason, int EligibleDays);
