namespace ServerlessGov.Functions.Cases.Allowances;

/// <summary>How an allowance ended: from which date, why, and what was overpaid for days after that date (to recover).</summary>
public sealed record AllowanceResult(string StoppedOn, string Reason, long RecoverFen);
