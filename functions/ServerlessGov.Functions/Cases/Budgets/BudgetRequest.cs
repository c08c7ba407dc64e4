namespace ServerlessGov.Functions.Cases.Budgets;

/// <summary>A case's request to reserve (or release) its amount against its policy's budget cap.</summary>
public sealed record BudgetRequest(string PolicyId, int PolicyVersion, string CaseInstanceId, long AmountFen);
