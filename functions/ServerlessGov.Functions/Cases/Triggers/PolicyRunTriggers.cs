using Microsoft.Azure.Functions.Worker;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects;

namespace ServerlessGov.Functions.Cases.Triggers;

/// <summary>What starts case work without an operator: a published version, a subject's changed facts, and the daily run of every policy in force.</summary>
public sealed class PolicyRunTriggers(PolicyRunStarter starter, BudgetWaiters budgetWaiters, SubjectReevaluator reevaluator)
{
    /// <summary>The daily run: 00:05 every day, in <c>WEBSITE_TIME_ZONE</c> (the app defaults it to Asia/Shanghai).</summary>
    public const string DailySchedule = "0 5 0 * * *";

    /// <summary>A version was published: run it now; a later version also wakes the cases waiting for budget, which it may have raised.</summary>
    [Function("StartPolicyRunOnPublish")]
    public async Task StartOnPublishAsync([QueueTrigger(PolicyPublished.QueueName)] PolicyPublished message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await starter.StartAsync(message.PolicyId, message.Version, "publish", cancellationToken).ConfigureAwait(false);
        if (message.Version > 1)
        {
            await budgetWaiters.WakeAsync(message.PolicyId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A subject's facts changed: decide again what it is owed.</summary>
    [Function("ReevaluateSubject")]
    public Task ReevaluateAsync([QueueTrigger(SubjectUpdated.QueueName)] SubjectUpdated message, CancellationToken cancellationToken) =>
        reevaluator.HandleAsync(message, cancellationToken);

    /// <summary>Every day at 00:05: runs every policy in force (a run is once per policy version and day, so a repeat opens nothing twice).</summary>
    [Function("StartDailyPolicyRuns")]
    public async Task StartDailyAsync([TimerTrigger(DailySchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        await starter.StartAllEffectiveAsync("daily", cancellationToken).ConfigureAwait(false);
}
