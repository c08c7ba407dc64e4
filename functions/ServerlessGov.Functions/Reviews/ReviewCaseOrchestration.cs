using System.Diagnostics.CodeAnalysis;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// The review loop: opens the item, then sleeps on a durable timer until the next rung of the escalation ladder,
/// queues that escalation, and so on, until the reviewer's decision arrives as <see cref="ReviewEvents.Decided"/>,
/// which it returns. When the item's deadlines move (signed, paused for evidence, resumed) the worklist raises
/// <see cref="ReviewWorklist.ScheduleChangedEvent"/> and the timers are re-armed from the item. A case runs the loop
/// inline (<see cref="ReviewAsync"/>); an objection runs it as the <see cref="ReviewOrchestrations.Review"/>
/// orchestration of its own (<see cref="RunAsync"/>). Deterministic: all reading happens in activities.
/// </summary>
public static class ReviewCaseOrchestration
{
    /// <summary>Activity: opens (or finds) the item for the request; returns its id and its ladder steps.</summary>
    public const string OpenActivity = "ReviewOpenWithSteps";

    /// <summary>Activity: the item's ladder steps as they stand now.</summary>
    public const string ScheduleActivity = "ReviewLadderSteps";

    /// <summary>Activity: puts one escalation on the queue; returns the item's ladder steps as they stand then.</summary>
    public const string EscalateActivity = "ReviewEscalateThenSteps";

    /// <summary>The orchestrator of a review that runs on its own (an objection): the loop on the request.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is null.</exception>
    /// <exception cref="ArgumentException">The orchestration has no input.</exception>
    [Function(ReviewOrchestrations.Review)]
    public static Task<ReviewDecision> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ReviewAsync(context, context.GetInput<ReviewRequest>() ?? throw new ArgumentException("The orchestration has no input.", nameof(context)));
    }

    /// <summary>
    /// Runs the review loop in the calling orchestration, which must be <paramref name="request"/>'s
    /// <see cref="ReviewRequest.WaitingInstanceId"/>: the decision and schedule changes are raised on it.
    /// <paramref name="opened"/> is the item as opened before the orchestration started (the case starter opens a
    /// new case's review item itself); without it the loop opens the item in an activity.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> or <paramref name="request"/> is null.</exception>
    /// <exception cref="TaskFailedException">An activity failed for good.</exception>
    [SuppressMessage("DurableTask", "DURABLE0011", Justification = "Bounded: one round per rung of the item's escalation ladder and per change a person makes to its deadlines; the loop ends with the decision.")]
    public static async Task<ReviewDecision> ReviewAsync(TaskOrchestrationContext context, ReviewRequest request, ReviewOpened? opened = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        opened ??= await context.CallActivityAsync<ReviewOpened>(OpenActivity, request);
        var itemId = opened.ItemId;
        var steps = opened.Steps;
        var decided = context.WaitForExternalEvent<ReviewDecision>(ReviewEvents.Decided);
        Task<string>? changed = null;
        var queued = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
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
                var decision = await decided;
                if (decision.ReviewItemId == itemId)
                {
                    return decision;
                }

                // A decision on an earlier review of the same case, raised again (a re-sent decision): not this one.
                decided = context.WaitForExternalEvent<ReviewDecision>(ReviewEvents.Decided);
                continue;
            }

            if (winner == changed)
            {
                cancelTimer.Cancel();
                changed = null;
                steps = await context.CallActivityAsync<List<EscalationStep>>(ScheduleActivity, itemId);
                continue;
            }

            steps = await context.CallActivityAsync<List<EscalationStep>>(EscalateActivity, new ReviewEscalation(itemId, next!.Deadline, next.Level));
            queued.Add(QueuedKey(next, next.DueAt!.Value));
        }
    }

    // A step whose due time moved (after a pause) is queued again for its new time; the same time only once.
    private static string QueuedKey(EscalationStep step, DateTimeOffset due) => $"{step.Key}@{due.UtcTicks}";
}
