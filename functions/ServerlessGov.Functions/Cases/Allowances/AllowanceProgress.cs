namespace ServerlessGov.Functions.Cases.Allowances;

/// <summary>An allowance's custom status: the month in hand, and its case.</summary>
public sealed record AllowanceProgress(string Month, string Stage, string? CaseInstanceId);
