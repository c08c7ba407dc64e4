using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Reviews;

/// <summary>Declares the review feature's functions: the worklist API, the review orchestration and its activities, the escalation queue and the sweep.</summary>
public static class ReviewFunctions
{
    /// <summary>Adds every review function to the catalog.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="functions"/> is null.</exception>
    public static FunctionsBuilder AddReviewFunctions(this FunctionsBuilder functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var readers = FunctionAuthorization.Roles(FunctionRoles.Reviewer, FunctionRoles.Supervisor, FunctionRoles.Auditor);
        return functions
            .RouteValue(AppRouteValues.ReviewId)
            .Http("ListReviews", "GET", "reviews", ReviewsApi.ListAsync, readers)
            .Http("GetSlaReport", "GET", "reviews/report", ReviewsApi.ReportAsync, FunctionAuthorization.Roles(FunctionRoles.Supervisor, FunctionRoles.Auditor))
            .Http("GetWeeklySlaReport", "GET", "reviews/report/weekly", ReviewsApi.WeeklyReportAsync, FunctionAuthorization.Roles(FunctionRoles.Supervisor, FunctionRoles.Auditor))
            .Http("GetReview", "GET", "reviews/{id}", ReviewsApi.GetAsync, readers)
            .Http("ClaimReview", "POST", "reviews/{id}/claim", ReviewsApi.ClaimAsync, FunctionAuthorization.Roles(FunctionRoles.Reviewer))
            .Http("AssignReview", "POST", "reviews/{id}/assign", ReviewsApi.AssignAsync, FunctionAuthorization.Roles(FunctionRoles.Supervisor))
            .Http("StartReview", "POST", "reviews/{id}/start", ReviewsApi.StartAsync, FunctionAuthorization.Roles(FunctionRoles.Reviewer))
            .Http("AskForEvidence", "POST", "reviews/{id}/evidence-requests", ReviewsApi.AskForEvidenceAsync, FunctionAuthorization.Roles(FunctionRoles.Reviewer))
            .Http("ReceiveEvidence", "POST", "reviews/{id}/evidence", ReviewsApi.ReceiveEvidenceAsync, FunctionAuthorization.Roles(FunctionRoles.Resident, FunctionRoles.Reviewer))
            .Http("ChangeReviewPriority", "POST", "reviews/{id}/priority", ReviewsApi.ChangePriorityAsync, FunctionAuthorization.Roles(FunctionRoles.Supervisor))
            .Http("DecideReview", "POST", "reviews/{id}/decision", ReviewsApi.DecideAsync, FunctionAuthorization.Roles(FunctionRoles.Reviewer, FunctionRoles.Supervisor))
            .Http("FileObjection", "POST", "objections", ReviewsApi.ObjectAsync, FunctionAuthorization.Roles(FunctionRoles.Resident))
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
