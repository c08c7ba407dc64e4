using System.Text.Json.Serialization;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Sla;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// One thing a person must decide, with why (the reasons and the evidence asked for), who (group, assignee), how
/// urgent (priority and the SLA targets fixed when it opened) and where it stands. Immutable: every change is a new
/// value written with the previous one's <see cref="ETag"/>.
/// </summary>
public sealed record ReviewItem
{
    public required string Id { get; init; }

    /// <summary>The case the item belongs to.</summary>
    public required string CaseInstanceId { get; init; }

    /// <summary>The orchestration instance that waits for the decision.</summary>
    public required string WaitingInstanceId { get; init; }

    public required string PolicyId { get; init; }

    public required int PolicyVersion { get; init; }

    /// <summary>The subject's pseudonymous id.</summary>
    public required string SubjectId { get; init; }

    public required ReviewReasonKind Kind { get; init; }

    /// <summary>Which facts are missing, stale or in conflict, and from which source.</summary>
    public required IReadOnlyList<UnknownReason> Reasons { get; init; }

    /// <summary>The evidence asked of the resident, newest request last.</summary>
    public IReadOnlyList<string> EvidenceRequested { get; init; } = [];

    /// <summary>References to documents the resident supplied (objection papers, evidence).</summary>
    public IReadOnlyList<string> Documents { get; init; } = [];

    /// <summary>The resident's own words for an objection (masked before it is stored).</summary>
    public string? Statement { get; init; }

    public required ReviewPriority Priority { get; init; }

    /// <summary>Why the item is urgent when the policy or its review reasons made it so (<c>policy</c>, <c>reason:failedPayment</c>…); null otherwise.</summary>
    public string? UrgentBecause { get; init; }

    /// <summary>Each time a supervisor raised or lowered the priority, with the reason, oldest first.</summary>
    public IReadOnlyList<PriorityChange> PriorityChanges { get; init; } = [];

    /// <summary>The reviewer group the item is routed to.</summary>
    public required string Group { get; init; }

    /// <summary>The department responsible for the policy (for the SLA report and the department head).</summary>
    public required string Department { get; init; }

    /// <summary>The signing target fixed at opening.</summary>
    public required SlaTargetSnapshot SignTarget { get; init; }

    /// <summary>The closing target fixed at opening.</summary>
    public required SlaTargetSnapshot CloseTarget { get; init; }

    public required ReviewState State { get; init; }

    /// <summary>The reviewer who holds the item, once signed.</summary>
    public string? Assignee { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>When the item was signed for and assigned; stays null when a supervisor decided it without anyone signing.</summary>
    public DateTimeOffset? SignedAt { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public bool? Approved { get; init; }

    public string? DecisionReason { get; init; }

    public string? DecidedBy { get; init; }

    /// <summary>Stretches spent waiting for the resident; the last one is open while waiting.</summary>
    public IReadOnlyList<SlaPause> Pauses { get; init; } = [];

    /// <summary>The ladder steps already notified (<see cref="EscalationStep.Key"/>).</summary>
    public IReadOnlyList<string> Escalated { get; init; } = [];

    /// <summary>True once a deadline was breached (recorded by the escalation, or by whatever acted on the item after the deadline).</summary>
    public bool Overdue { get; init; }

    /// <summary>
    /// The version that matters to a decision: raised by a claim, an assignment, evidence asked for or received and the
    /// decision itself, never by what the system records (ladder steps) nor by starting work or a priority change. A
    /// decision sent with an older one is refused.
    /// </summary>
    public int Revision { get; init; }

    /// <summary>The stored version; a write with an older one is a conflict.</summary>
    [JsonIgnore]
    public string ETag { get; init; } = "";

    /// <summary>True while the deadline still runs (not signed for Sign, not decided for both).</summary>
    public bool IsRunning(ReviewDeadline deadline) =>
        State != ReviewState.Decided && (deadline == ReviewDeadline.Close || SignedAt is null);

    /// <summary>
    /// When the deadline was met: signing (or, for an item a supervisor decided unsigned, the decision) for Sign, the
    /// decision for Close; null while it runs.
    /// </summary>
    public DateTimeOffset? DoneAt(ReviewDeadline deadline) =>
        deadline == ReviewDeadline.Sign ? SignedAt ?? DecidedAt : DecidedAt;

    /// <summary>The plan a deadline is held to.</summary>
    public SlaTargetSnapshot PlanFor(ReviewDeadline deadline) => deadline == ReviewDeadline.Sign ? SignTarget : CloseTarget;

    /// <summary>The target for a deadline.</summary>
    public SlaTarget TargetFor(ReviewDeadline deadline) => PlanFor(deadline).ToTarget();

    /// <summary>The instant a deadline counts from: the opening, or the priority change that re-planned it.</summary>
    public DateTimeOffset StartOf(ReviewDeadline deadline) => PlanFor(deadline).From ?? OpenedAt;
}
