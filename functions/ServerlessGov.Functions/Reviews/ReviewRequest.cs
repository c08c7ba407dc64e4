using ServerlessGov.Domain.Evaluation;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// What a case asks a reviewer to decide: which case, why (the unknown facts with their sources), and how urgent.
/// The decision comes back as the <see cref="ReviewEvents.Decided"/> event on <see cref="WaitingInstanceId"/>.
/// </summary>
/// <param name="CaseInstanceId">The case orchestration the item belongs to (shown to reviewers, used for audit).</param>
/// <param name="WaitingInstanceId">The orchestration instance that waits for the decision (the review sub-orchestration).</param>
public sealed record ReviewRequest(
    string CaseInstanceId,
    string WaitingInstanceId,
    string PolicyId,
    int PolicyVersion,
    string SubjectId,
    ReviewReasonKind Kind,
    IReadOnlyList<UnknownReason> Reasons,
    ReviewPriority Priority,
    string Group);
