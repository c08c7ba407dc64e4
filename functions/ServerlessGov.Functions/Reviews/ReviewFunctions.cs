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
            .Http("ListReviews", "GET", "reviews", ReviewsApi.ListAsync, readers)
            .Http("GetSlaReport", "GET", "reviews/report", ReviewsApi.ReportAsync, FunctionAuthorization.Roles(FunctionRoles.Supervisor, FunctionRoles.Auditor))
            .Http("GetReview", "GET", "reviews/{id}", ReviewsApi.GetAsync, readers)
            .Http("ClaimReview", "POST", "reviews/{id}/claim", ReviewsApi.ClaimAsync, FunctionAuthorization.Roles(FunctionRoles.Reviewer))
            .Http("AssignReview", "POST", "reviews/{id}/assign", ReviewsApi.AssignAsync, FunctionAuthorization.Roles(FunctionRoles.Supervisor))
            .Http("StartReview", "POST", "reviews/{id}/start", ReviewsApi.StartAsync, FunctionAuthorization.Roles(FunctionRoles.Reviewer))
            .Http("AskForEvidence", "POST", "reviews/{id}/evidence-requests", ReviewsApi.AskForEvidenceAsync, FunctionAuthorization.Roles(FunctionRoles.Reviewer))
            .Http("ReceiveEvidence", "POST", "reviews/{id}/evidence", ReviewsApi.ReceiveEvidenceAsync, FunctionAuthorization.Roles(FunctionRoles.Resident, FunctionRoles.Reviewer))
            .Http("DecideReview", "POST", "reviews/{id}/decision", ReviewsApi.DecideAsync, FunctionAuthorization.Roles(FunctionRoles.Reviewer, FunctionRoles.Supervisor))
            .Http("FileObjection", "POST", "objections", ReviewsApi.ObjectAsync, FunctionAuthorization.Roles(FunctionRoles.Resident))
            .Orchestration<ReviewRequest, ReviewDecision>(ReviewOrchestrations.Review, ReviewCaseOrchestration.RunAsync)
            .Activity<ReviewRequest, string>(ReviewCaseOrchestration.OpenActivity, (_, request, context, cancellationToken) =>
                context.Services.GetRequiredService<ReviewWorklist>().OpenAsync(request, cancellationToken))
            .Activity<string, List<EscalationStep>>(ReviewCaseOrchestration.ScheduleActivity, async (_, itemId, context, cancellationToken) =>
            {
                var item = await context.Services.GetRequiredService<ReviewWorklist>().LoadAsync(itemId, cancellationToken).ConfigureAwait(false);
                return context.Services.GetRequiredService<ReviewLadder>().Steps(item).ToList();
            })
            .Activity<ReviewEscalation, bool>(ReviewCaseOrchestration.EscalateActivity, async (_, escalation, context, cancellationToken) =>
            {
                await context.Services.GetRequiredService<ReviewSweep>().SendAsync(escalation, cancellationToken).ConfigureAwait(false);
                return true;
            })
            .Queue("OnReviewEscalation", ReviewEscalation.QueueName, ReviewJson.Escalation, async (escalation, context, cancellationToken) =>
                await context.Services.GetRequiredService<ReviewEscalationHandler>().HandleAsync(escalation, cancellationToken).ConfigureAwait(false))
            .Timer("SweepReviewDeadlines", ReviewSweep.Schedule, (timer, context, cancellationToken) =>
                context.Services.GetRequiredService<ReviewSweep>().RunAsync(timer.IsPastDue, cancellationToken));
    }
}
