namespace ServerlessGov.Functions.Cases.Allowances;

/// <summary>
/// One period of an eternal allowance orchestration (carried through ContinueAsNew): the month to decide, and whether
/// the beneficiary was paid before (so a stop within this month pays the days before it).
/// </summary>
/// <param name="PolicyId">The monthly policy.</param>
/// <param name="SubjectId">The beneficiary.</param>
/// <param name="Month">The month to decide, <c>yyyy-MM</c>.</param>
/// <param name="PaidBefore">Whether an earlier month was paid: only then does a stop within this month pay its first days.</param>
/// <param name="Opening">
/// The first month's decision, taken when the allowance was opened and paid then (<c>Runs/PaymentOnOpen</c>): the
/// month is run from it instead of being decided again, so its case repeats exactly the steps already taken, and
/// re-checked against the current facts as soon as its case ends. Null for later months, for allowances opened on the
/// review track and for allowances opened before this existed.
/// </param>
public sealed record AllowanceInput(string PolicyId, string SubjectId, string Month, bool PaidBefore, AllowanceDecision? Opening = null);
