namespace ServerlessGov.Functions.Cases.Allowances;

/// <summary>
/// One period of an eternal allowance orchestration (carried through ContinueAsNew): the month to decide, and whether
/// the beneficiary was paid before (so a stop within this month pays the days before it).
/// </summary>
/// <param name="PolicyId">The monthly policy.</param>
/// <param name="SubjectId">The beneficiary.</param>
/// <param name="Month">The month to decide, <c>yyyy-MM</c>.</param>
/// <param name="PaidBefore">Whether an earlier month was paid: only then does a stop within this month pay its first days.</param>
public sealed record AllowanceInput(string PolicyId, string SubjectId, string Month, bool PaidBefore);
