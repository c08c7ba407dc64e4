namespace ServerlessGov.Domain.Evaluation;

/// <summary>
/// Why a clause could not be decided, naming the fact (or parameter) a reviewer must confirm. <see cref="Absence"/> is
/// set when the value in question is an absence from a complete extract (a stale extract, or one that disagrees with
/// another source).
/// </summary>
public sealed record UnknownReason(UnknownReasonKind Kind, string Subject, string? Source = null, DateTimeOffset? AsOf = null, string? ConflictingSource = null, Coverage.Absence? Absence = null);
