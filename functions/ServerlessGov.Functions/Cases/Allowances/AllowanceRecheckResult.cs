namespace ServerlessGov.Functions.Cases.Allowances;

/// <summary>The outcome of a re-check: still eligible, or stopped from a date with the overpaid amount to recover.</summary>
public sealed record AllowanceRecheckResult(bool Stopped, string? StopDate, string? Reason, long RecoverFen);
