using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Hosting.Catalog;

namespace ServerlessGov.Functions.Reviews;

/// <summary>Declares the review feature's functions not yet converted to <c>[Function]</c> methods: the review orchestration and its activities, the escalation queue and the sweep (the worklist API is <see cref="ReviewWorklistFunctions"/>).</summary>
public static class ReviewFunctions
{
    /// <summary>Adds every review function to the catalog.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="functions"/> is null.</exception>
    public static FunctionsBuilder AddReviewFunctions(this FunctionsBuilder functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        return functions
            .Orchestration<ReviewRequest, ReviewDecision>(ReviewOrchestrations.Review, ReviewCaseOrchestration.RunAsync)
            .Activity<ReviewRequest, ReviewOpened>(ReviewCaseOrchestration.OpenActivity, (_, request, context, cancellationToken) =>
                context.Services.GetRequiredService<ReviewWorklist>().OpenWithStepsAsync(request, cancellationToken))
            .Activity<string, List<EscalationStep>>(ReviewCaseOrchestration.ScheduleActivity, (_, itemId, context, cancellationToken) =>
                StepsAsync(context.Services, itemId, cancellationToken))
            .Activity<ReviewEscalation, List<EscalationStep>>(ReviewCaseOrchestration.EscalateActivity, async (_, escalation, context, cancellationToken) =>
            {
                await context.Services.GetRequiredService<EscalationQueue>().SendAsync(escalation, cancellationToken).ConfigureAwait(false);
                return await StepsAsync(context.Services, escalation.ItemId, cancellationToken).ConfigureAwait(false);
            })
            .Queue("OnReviewEscalation", ReviewEscalation.QueueName, ReviewJson.Escalation, async (escalation, context, cancellationToken) =>
                await context.Services.GetRequiredService<ReviewEscalationHandler>().HandleAsync(escalation, cancellationToken).ConfigureAwait(false))
            .Timer("SweepReviewDeadlines", ReviewSweep.Schedule, (timer, context, cancellationToken) =>
                context.Services.GetRequiredService<ReviewSweep>().RunAsync(timer.IsPastDue, cancellationToken));
    }

    private static async Task<List<EscalationStep>> StepsAsync(IServiceProvider services, string itemId, CancellationToken cancellationToken)
    {
        var item = await services.GetRequiredService<ReviewWorklist>().LoadAsync(itemId, cancellationToken).ConfigureAwait(false);
        return services.GetRequiredService<ReviewLadder>().Steps(item).ToList();
    }
}
