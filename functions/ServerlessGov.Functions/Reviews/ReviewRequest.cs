using ServerlessGov.Domain.Evaluation;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// What a case orchestration asks a reviewer to decide: which case (its instance id gets the decision back as the
/// <see cref="ReviewEvents.Decided"/> event), why (the unknown facts with their sources), and how urgent.
/// </summary>
public sealed record ReviewRequest(
    string CaseInstanceId,
    string PolicyId,
    int PolicyVersion,
    string SubjectId,
    ReviewReasonKind Kind,
    IReadOnlyList<UnknownReason> Reasons,
    ReviewPriority Priority,
    string Group);
