namespace ServerlessGov.Domain.Evaluation;

/// <summary>Why a clause could not be decided, naming the fact (or parameter) a reviewer must confirm.</summary>
public sealed record UnknownReason(UnknownReasonKind Kind, string Subject, string? Source = null, DateTimeOffset? AsOf = null, string? ConflictingSource = null);
