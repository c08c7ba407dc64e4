namespace ServerlessGov.Functions.Cases.Allowances;

/// <summary>Re-checks a month already paid after the subject's facts changed: what was paid and for how many days.</summary>
public sealed record AllowanceRecheck(string PolicyId, string SubjectId, string Month, long PaidFen, int PaidDays);
