namespace ServerlessGov.Functions.Cases.Budgets;

/// <summary>Whether a reservation holds, and the budget's state after the attempt (null cap: the policy has none).</summary>
public sealed record BudgetAnswer(bool Reserved, long? CapFen, long ReservedFen);
