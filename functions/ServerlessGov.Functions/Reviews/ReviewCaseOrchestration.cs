using ServerlessGov.Durable;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// The <see cref="ReviewOrchestrations.Review"/> sub-orchestration: opens the item, then sleeps on a durable timer
/// until the next rung of the escalation ladder, queues that escalation, and so on, until the reviewer's decision
/// arrives as <see cref="ReviewEvents.Decided"/>, which it returns. When the item's deadlines move (signed, paused
/// for evidence, resumed) the worklist raises <see cref="ReviewWorklist.ScheduleChangedEvent"/> and the timers are
/// re-armed from the item. Deterministic: all reading happens in activities.
/// </summary>
public static class ReviewCaseOrchestration
{
    /// <summary>Activity: opens (or finds) the item for the request; returns its id.</summary>
    public const string OpenActivity = "ReviewOpenItem";

    /// <summary>Activity: the item's ladder steps as they stand now.</summary>
    public const string ScheduleActivity = "ReviewLadderSteps";

    /// <summary>Activity: puts one escalation on the queue.</summary>
    public const string EscalateActivity = "ReviewEscalate";

    /// <summary>The orchestrator.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> or <paramref name="request"/> is null.</exception>
    public static async Task<ReviewDecision> RunAsync(TaskOrchestrationContext context, ReviewRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var itemId = await context.CallActivityAsync<string>(OpenActivity, request);
        var decided = context.WaitForExternalEvent<ReviewDecision>(ReviewEvents.Decided);
        Task<string>? changed = null;
        var queued = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var steps = await context.CallActivityAsync<List<EscalationStep>>(ScheduleActivity, itemId);
            var next = steps
                .Where(s => s.DueAt is { } due && !queued.Contains(QueuedKey(s, due)))
                .OrderBy(s => s.DueAt)
                .FirstOrDefault();
            changed ??= context.WaitForExternalEvent<string>(ReviewWorklist.ScheduleChangedEvent);
            using var cancelTimer = new CancellationTokenSource();
            var timer = next is null ? null : context.CreateTimer(next.DueAt!.Value.UtcDateTime, cancelTimer.Token);
            var winner = timer is null ? await Task.WhenAny(decided, changed) : await Task.WhenAny(decided, changed, timer);
            if (winner == decided)
            {
                cancelTimer.Cancel();
                return await decided;
            }

            if (winner == changed)
            {
                cancelTimer.Cancel();
                changed = null;
                continue;
            }

            await context.CallActivityAsync<bool>(EscalateActivity, new ReviewEscalation(itemId, next!.Deadline, next.Level));
            queued.Add(QueuedKey(next, next.DueAt!.Value));
        }
    }

    // A step whose due time moved (after a pause) is queued again for its new time; the same time only once.
    private static string QueuedKey(EscalationStep step, DateTimeOffset due) => $"{step.Key}@{due.UtcTicks}";
}
