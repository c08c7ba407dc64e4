namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// Names and ids of review work. A case runs the review loop inline (<see cref="ReviewCaseOrchestration.ReviewAsync"/>);
/// the <see cref="Review"/> orchestration (input <see cref="ReviewRequest"/>, output <see cref="ReviewDecision"/>) runs
/// the same loop on its own, for an objection to a case that has finished.
/// </summary>
public static class ReviewOrchestrations
{
    /// <summary>The orchestrator function's name.</summary>
    public const string Review = "ReviewCase";

    /// <summary>
    /// The id of a case's review of <paramref name="kind"/> (a later attempt appends <c>|{n}</c>): the
    /// <see cref="ReviewRequest.ReviewKey"/> its item id is derived from, so a replayed case never opens a second
    /// item; also the instance id when such a review is started as an orchestration of its own.
    /// </summary>
    public static string InstanceIdFor(string caseInstanceId, ReviewReasonKind kind) => $"{caseInstanceId}|review|{kind}";

    /// <summary>
    /// The instance id of the review a resident's objection (异议) to a decided case opens. It is started on its own
    /// (not as a sub-orchestration: the case has finished); its output is the decision on the objection.
    /// </summary>
    public static string ObjectionInstanceIdFor(string caseInstanceId) => $"{caseInstanceId}|objection";
}
