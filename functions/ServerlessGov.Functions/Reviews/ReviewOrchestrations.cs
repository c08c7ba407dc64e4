namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// The review sub-orchestration a case calls: input <see cref="ReviewRequest"/>, output <see cref="ReviewDecision"/>.
/// It opens the item, runs the SLA escalation ladder on durable timers and returns when a reviewer decides.
/// </summary>
public static class ReviewOrchestrations
{
    /// <summary>The orchestrator function's name.</summary>
    public const string Review = "ReviewCase";

    /// <summary>The sub-orchestration's instance id for a case, so a replayed case never opens a second review.</summary>
    public static string InstanceIdFor(string caseInstanceId, ReviewReasonKind kind) => $"{caseInstanceId}|review|{kind}";

    /// <summary>
    /// The instance id of the review a resident's objection (异议) to a decided case opens. It is started on its own
    /// (not as a sub-orchestration: the case has finished); its output is the decision on the objection.
    /// </summary>
    public static string ObjectionInstanceIdFor(string caseInstanceId) => $"{caseInstanceId}|objection";
}
