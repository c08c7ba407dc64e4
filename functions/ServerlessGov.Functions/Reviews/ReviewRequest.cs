using ServerlessGov.Domain.Evaluation;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// What a case asks a reviewer to decide: which case, why (the unknown facts with their sources), and how urgent.
/// The decision comes back as the <see cref="ReviewEvents.Decided"/> event on <see cref="WaitingInstanceId"/>.
/// </summary>
/// <param name="CaseInstanceId">The case orchestration the item belongs to (shown to reviewers, used for audit).</param>
/// <param name="WaitingInstanceId">The orchestration instance that waits for the decision (the review sub-orchestration).</param>
/// <param name="PolicyId">The policy whose eligibility is in question.</param>
/// <param name="PolicyVersion">The published version the case was evaluated against.</param>
/// <param name="SubjectId">The subject's pseudonymous id (never a raw identifier).</param>
/// <param name="Kind">Why a person is needed.</param>
/// <param name="Reasons">The facts that are missing, stale or in conflict, with their sources.</param>
/// <param name="Priority">The SLA track.</param>
/// <param name="Group">The reviewer group the item is routed to.</param>
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
