namespace ServerlessGov.Functions.Cases.Api;

/// <summary>What a resident or an operator sees of a recurring allowance: which month it is in, at what stage, and how it ended.</summary>
/// <param name="AllowanceId">The instance id (<c>allowance|{policy}|{subject}</c>).</param>
/// <param name="PolicyId">The monthly policy.</param>
/// <param name="SubjectId">The pseudonymous beneficiary.</param>
/// <param name="Status">Running while it pays month by month; Completed once stopped.</param>
/// <param name="Month">The month in hand (<c>2026-11</c>).</param>
/// <param name="Stage">What the month is doing (the allowance's custom status).</param>
/// <param name="MonthCaseId">The month's case.</param>
/// <param name="StoppedOn">Once stopped: the date it stopped from.</param>
/// <param name="StopReason">Once stopped: why.</param>
/// <param name="RecoverFen">Once stopped: what was overpaid and must be recovered, in fen.</param>
/// <param name="OpenedAt">When the allowance opened.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record AllowanceView(
    string AllowanceId,
    string PolicyId,
    string SubjectId,
    string Status,
    string? Month,
    string? Stage,
    string? MonthCaseId,
    string? StoppedOn,
    string? StopReason,
    long? RecoverFen,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt);
