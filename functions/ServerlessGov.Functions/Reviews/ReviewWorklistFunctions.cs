using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// The worklist's HTTP functions as isolated-worker functions: list, read, claim, assign, start, ask for and receive
/// evidence, change priority, decide, object, report. The Azure Functions host loads them from
/// <c>functions.metadata</c>; the local runtime reads the same attributes. Each body calls <see cref="ReviewsApi"/>.
/// </summary>
public sealed class ReviewWorklistFunctions(ReviewWorklist worklist, SlaReport report, DurableTaskClient durable, IOptions<ReviewOptions> options)
{
    /// <summary>GET reviews?group=&amp;assignee=&amp;state=&amp;dueBefore=&amp;overdue=&amp;offset=&amp;limit=: the worklist, most urgent first, a page at a time.</summary>
    /// <exception cref="RequestValidationException">The state is unknown, or the offset or limit is out of range.</exception>
    [Function("ListReviews")]
    [RequireRoles(FunctionRoles.Reviewer, FunctionRoles.Supervisor, FunctionRoles.Auditor)]
    public Task<JsonHttpResult<IReadOnlyList<ReviewItemView>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reviews")] HttpRequest request,
        string? group, string? assignee, string? state, DateTimeOffset? dueBefore, bool? overdue, int? offset, int? limit, CancellationToken cancellationToken) =>
        ReviewsApi.ListAsync(worklist, group, assignee, state, dueBefore, overdue, offset, limit, cancellationToken);

    /// <summary>GET reviews/report?from=&amp;to=: SLA compliance per policy and department for items opened in [from, to).</summary>
    [Function("GetSlaReport")]
    [RequireRoles(FunctionRoles.Supervisor, FunctionRoles.Auditor)]
    public Task<JsonHttpResult<IReadOnlyList<SlaReportRow>>> ReportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reviews/report")] HttpRequest request, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        ReviewsApi.ReportAsync(report, from, to, cancellationToken);

    /// <summary>GET reviews/report/weekly?weeks=: SLA compliance per ISO week, oldest first.</summary>
    /// <exception cref="RequestValidationException">The number of weeks is out of range.</exception>
    [Function("GetWeeklySlaReport")]
    [RequireRoles(FunctionRoles.Supervisor, FunctionRoles.Auditor)]
    public Task<JsonHttpResult<IReadOnlyList<WeeklySlaRow>>> WeeklyReportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reviews/report/weekly")] HttpRequest request, int? weeks, CancellationToken cancellationToken) =>
        ReviewsApi.WeeklyReportAsync(report, weeks, cancellationToken);

    /// <summary>GET reviews/{id}.</summary>
    [Function("GetReview")]
    [RequireRoles(FunctionRoles.Reviewer, FunctionRoles.Supervisor, FunctionRoles.Auditor)]
    public Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reviews/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        ReviewsApi.GetAsync(id, worklist, cancellationToken);

    /// <summary>POST reviews/{id}/claim: sign for a new item.</summary>
    [Function("ClaimReview")]
    [RequireRoles(FunctionRoles.Reviewer)]
    public Task<IResult> ClaimAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reviews/{id}/claim")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        ReviewsApi.ClaimAsync(id, User(request), worklist, cancellationToken);

    /// <summary>POST reviews/{id}/assign: a supervisor assigns the item.</summary>
    /// <exception cref="RequestValidationException">No assignee given.</exception>
    [Function("AssignReview")]
    [RequireRoles(FunctionRoles.Supervisor)]
    public Task<IResult> AssignAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reviews/{id}/assign")] HttpRequest request, string id, [FromBody] AssignRequest body, CancellationToken cancellationToken) =>
        ReviewsApi.AssignAsync(id, body, User(request), worklist, cancellationToken);

    /// <summary>POST reviews/{id}/start: the assignee starts work.</summary>
    [Function("StartReview")]
    [RequireRoles(FunctionRoles.Reviewer)]
    public Task<IResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reviews/{id}/start")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        ReviewsApi.StartAsync(id, User(request), worklist, cancellationToken);

    /// <summary>POST reviews/{id}/evidence-requests: ask the resident for evidence (pauses the SLA).</summary>
    /// <exception cref="RequestValidationException">No evidence named, or too much.</exception>
    [Function("AskForEvidence")]
    [RequireRoles(FunctionRoles.Reviewer)]
    public Task<IResult> AskForEvidenceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reviews/{id}/evidence-requests")] HttpRequest request, string id, [FromBody] EvidenceRequest body, CancellationToken cancellationToken) =>
        ReviewsApi.AskForEvidenceAsync(id, body, User(request), worklist, cancellationToken);

    /// <summary>POST reviews/{id}/evidence: the resident's documents arrived (resumes the SLA).</summary>
    /// <exception cref="RequestValidationException">No document given, or too many.</exception>
    [Function("ReceiveEvidence")]
    [RequireRoles(FunctionRoles.Resident, FunctionRoles.Reviewer)]
    public Task<IResult> ReceiveEvidenceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reviews/{id}/evidence")] HttpRequest request, string id, [FromBody] EvidenceRequest body, CancellationToken cancellationToken) =>
        ReviewsApi.ReceiveEvidenceAsync(id, body, User(request), worklist, cancellationToken);

    /// <summary>POST reviews/{id}/priority: a supervisor raises or lowers the priority with a reason.</summary>
    /// <exception cref="RequestValidationException">The priority is not Urgent or Normal, or the reason is missing or too long.</exception>
    [Function("ChangeReviewPriority")]
    [RequireRoles(FunctionRoles.Supervisor)]
    public Task<IResult> ChangePriorityAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reviews/{id}/priority")] HttpRequest request, string id, [FromBody] PriorityRequest body, CancellationToken cancellationToken) =>
        ReviewsApi.ChangePriorityAsync(id, body, User(request), worklist, cancellationToken);

    /// <summary>POST reviews/{id}/decision: approve or reject with a reason; <c>If-Match</c> carries the version read. 409 when another decision won.</summary>
    /// <exception cref="RequestValidationException">Approved or reason is missing.</exception>
    [Function("DecideReview")]
    [RequireRoles(FunctionRoles.Reviewer, FunctionRoles.Supervisor)]
    public Task<IResult> DecideAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reviews/{id}/decision")] HttpRequest request, string id, [FromBody] DecisionRequest body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ifMatch = request.Headers.TryGetValue("If-Match", out var values) ? values.ToString() : null;
        return ReviewsApi.DecideAsync(id, body, ifMatch, request.HttpContext.User, worklist, cancellationToken);
    }

    /// <summary>POST objections: a resident objects to a decided case; 202 with the review item and its orchestration.</summary>
    /// <exception cref="RequestValidationException">A field is missing or too long.</exception>
    [Function("FileObjection")]
    [RequireRoles(FunctionRoles.Resident)]
    public Task<IResult> ObjectAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "objections")] HttpRequest request, [FromBody] ObjectionRequest body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ReviewsApi.ObjectAsync(body, request.HttpContext.User, worklist, durable, options, request.HttpContext, cancellationToken);
    }

    private static System.Security.Claims.ClaimsPrincipal User(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HttpContext.User;
    }
}
