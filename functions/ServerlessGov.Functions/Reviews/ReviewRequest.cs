using System.Text.Json.Serialization;
using ServerlessGov.Domain.Evaluation;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// What a case asks a reviewer to decide: which case, why (the unknown facts with their sources), and how urgent.
/// The decision comes back as the <see cref="ReviewEvents.Decided"/> event on <see cref="WaitingInstanceId"/>.
/// </summary>
/// <param name="CaseInstanceId">The case orchestration the item belongs to (shown to reviewers, used for audit).</param>
/// <param name="WaitingInstanceId">
/// The orchestration instance that waits for the decision: the case itself (the review runs inline in it), or the
/// review orchestration started on its own for an objection.
/// </param>
/// <param name="PolicyId">The policy whose eligibility is in question.</param>
/// <param name="PolicyVersion">The published version the case was evaluated against.</param>
/// <param name="SubjectId">The subject's pseudonymous id (never a raw identifier).</param>
/// <param name="Kind">Why a person is needed.</param>
/// <param name="Reasons">The facts that are missing, stale or in conflict, with their sources.</param>
/// <param name="Priority">The SLA track.</param>
/// <param name="Group">The reviewer group the item is routed to.</param>
/// <param name="ReviewKey">
/// Which of the waiting instance's reviews this is (a case can need one for unknown facts and, later, one per failed
/// payment): the item id is derived from it. Null when the instance waits for only one review: the waiting instance
/// id is the key.
/// </param>
public sealed record ReviewRequest(
    string CaseInstanceId,
    string WaitingInstanceId,
    string PolicyId,
    int PolicyVersion,
    string SubjectId,
    ReviewReasonKind Kind,
    IReadOnlyList<UnknownReason> Reasons,
    ReviewPriority Priority,
    string Group,
    string? ReviewKey = null)
{
    /// <summary>The key the item id is derived from: <see cref="ReviewKey"/>, or the waiting instance id.</summary>
    [JsonIgnore]
    public string ItemKey => ReviewKey ?? WaitingInstanceId;
}
