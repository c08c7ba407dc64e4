using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Reviews;

/// <summary>The worklist's HTTP functions: list, read, claim, assign, start, ask for and receive evidence, change priority, decide, object, report.</summary>
public static class ReviewsApi
{
    private const int MaxItems = 20;
    private const int MaxTextLength = 2000;

    /// <summary>
    /// GET reviews: the worklist, most urgent first (enums as names, as everywhere in this API). <c>overdue</c>
    /// (true or false) keeps the items that missed a deadline or those that have not; <c>offset</c> skips that many of
    /// the most urgent and <c>limit</c> (1-1000) keeps that many after them, so a console shows one page at a time.
    /// </summary>
    /// <exception cref="RequestValidationException">The state is unknown, or the offset or limit is out of range.</exception>
    public static async Task<JsonHttpResult<IReadOnlyList<ReviewItemView>>> ListAsync(
        ReviewWorklist worklist, string? group, string? assignee, string? state, DateTimeOffset? dueBefore, bool? overdue, int? offset, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxListed)
        {
            throw new RequestValidationException("limit", $"must be between 1 and {MaxListed}");
        }

        if (offset is < 0)
        {
            throw new RequestValidationException("offset", "must be 0 or more");
        }

        ReviewState? parsed = null;
        if (state is not null)
        {
            parsed = Enum.TryParse<ReviewState>(state, ignoreCase: true, out var s) && Enum.IsDefined(s)
                ? s
                : throw new RequestValidationException("state", "must be one of " + string.Join(", ", Enum.GetNames<ReviewState>()));
        }

        var items = await worklist.ListAsync(new ReviewListFilter(group, assignee, parsed, dueBefore, overdue), cancellationToken).ConfigureAwait(false);
        var page = items.Skip(offset ?? 0).Take(limit ?? int.MaxValue).ToList();
        return TypedResults.Json<IReadOnlyList<ReviewItemView>>(page, ReviewJson.Options);
    }

    /// <summary>GET reviews/{id}.</summary>
    public static Task<IResult> GetAsync(string id, ReviewWorklist worklist, CancellationToken cancellationToken) =>
        Answer(() => worklist.GetAsync(id, cancellationToken));

    /// <summary>POST reviews/{id}/claim: sign for a new item.</summary>
    public static Task<IResult> ClaimAsync(string id, ClaimsPrincipal user, ReviewWorklist worklist, CancellationToken cancellationToken) =>
        Answer(() => worklist.ClaimAsync(id, Actor(user, FunctionRoles.Reviewer), cancellationToken));

    /// <summary>POST reviews/{id}/assign: a supervisor assigns the item.</summary>
    /// <exception cref="RequestValidationException">No assignee given.</exception>
    public static Task<IResult> AssignAsync(string id, AssignRequest body, ClaimsPrincipal user, ReviewWorklist worklist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var assignee = Required(body.Assignee, "assignee");
        return Answer(() => worklist.AssignAsync(id, assignee, Actor(user, FunctionRoles.Supervisor), cancellationToken));
    }

    /// <summary>POST reviews/{id}/start: the assignee starts work.</summary>
    public static Task<IResult> StartAsync(string id, ClaimsPrincipal user, ReviewWorklist worklist, CancellationToken cancellationToken) =>
        Answer(() => worklist.StartAsync(id, Actor(user, FunctionRoles.Reviewer), cancellationToken));

    /// <summary>POST reviews/{id}/evidence-requests: ask the resident for evidence (pauses the SLA).</summary>
    /// <exception cref="RequestValidationException">No evidence named, or too much.</exception>
    public static Task<IResult> AskForEvidenceAsync(string id, EvidenceRequest body, ClaimsPrincipal user, ReviewWorklist worklist, CancellationToken cancellationToken)
    {
        var items = Items(body, "items");
        return Answer(() => worklist.AskForEvidenceAsync(id, items, Actor(user, FunctionRoles.Reviewer), cancellationToken));
    }

    /// <summary>POST reviews/{id}/evidence: the resident's documents arrived (resumes the SLA).</summary>
    /// <exception cref="RequestValidationException">No document given, or too many.</exception>
    public static Task<IResult> ReceiveEvidenceAsync(string id, EvidenceRequest body, ClaimsPrincipal user, ReviewWorklist worklist, CancellationToken cancellationToken)
    {
        var items = Items(body, "items");
        return Answer(() => worklist.ReceiveEvidenceAsync(id, items, Actor(user, FunctionRoles.Resident, FunctionRoles.Reviewer), cancellationToken));
    }

    /// <summary>POST reviews/{id}/decision: approve or reject with a reason; <c>If-Match</c> carries the version read. 409 when another decision won.</summary>
    /// <exception cref="RequestValidationException">Approved or reason is missing.</exception>
    public static Task<IResult> DecideAsync(
        string id, DecisionRequest body, [FromHeader(Name = "If-Match")] string? ifMatch, ClaimsPrincipal user, ReviewWorklist worklist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var approved = body.Approved ?? throw new RequestValidationException("approved", "is required (true to approve, false to reject)");
        var reason = Required(body.Reason, "reason");
        return Answer(() => worklist.DecideAsync(id, approved, reason, ifMatch, Actor(user, FunctionRoles.Supervisor, FunctionRoles.Reviewer), cancellationToken));
    }

    /// <summary>POST reviews/{id}/priority: a supervisor raises or lowers the priority with a reason; the ladder re-plans from now.</summary>
    /// <exception cref="RequestValidationException">The priority is not Urgent or Normal, or the reason is missing or too long.</exception>
    public static Task<IResult> ChangePriorityAsync(string id, PriorityRequest body, ClaimsPrincipal user, ReviewWorklist worklist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var priority = Enum.TryParse<ReviewPriority>(Required(body.Priority, "priority"), ignoreCase: true, out var p) && Enum.IsDefined(p) && !char.IsDigit(body.Priority![0])
            ? p
            : throw new RequestValidationException("priority", "must be one of " + string.Join(", ", Enum.GetNames<ReviewPriority>()));
        var reason = Required(body.Reason, "reason");
        return Answer(() => worklist.ChangePriorityAsync(id, priority, reason, Actor(user, FunctionRoles.Supervisor), cancellationToken));
    }

    /// <summary>
    /// POST objections: a resident objects to a decided case. Opens a review item (with the statement and documents)
    /// under the SLA and starts its review orchestration with <see cref="ReviewOrchestrations.ObjectionInstanceIdFor"/>.
    /// One objection per case: objecting again returns the same item.
    /// </summary>
    /// <exception cref="RequestValidationException">A field is missing or too long.</exception>
    public static async Task<IResult> ObjectAsync(
        ObjectionRequest body, ClaimsPrincipal user, ReviewWorklist worklist, DurableTaskClient durable, IOptions<ReviewOptions> options, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        var caseId = Required(body.CaseInstanceId, "caseInstanceId");
        var policyId = Required(body.PolicyId, "policyId");
        var statement = Required(body.Statement, "statement");
        if (body.PolicyVersion < 1)
        {
            throw new RequestValidationException("policyVersion", "must be 1 or more");
        }

        var documents = body.Documents ?? [];
        if (documents.Count > MaxItems || documents.Any(d => string.IsNullOrWhiteSpace(d) || d.Length > MaxTextLength))
        {
            throw new RequestValidationException("documents", $"at most {MaxItems} non-empty references of at most {MaxTextLength} characters");
        }

        var resident = Actor(user, FunctionRoles.Resident);
        var instanceId = ReviewOrchestrations.ObjectionInstanceIdFor(caseId);
        var kind = http.RequestServices.GetService(typeof(IObjectionTargets)) is IObjectionTargets targets
            && await targets.IsStoppedAllowanceAsync(caseId, resident.Id, cancellationToken).ConfigureAwait(false)
            ? ReviewReasonKind.ObjectionToStop
            : ReviewReasonKind.Objection;
        var request = new ReviewRequest(caseId, instanceId, policyId, body.PolicyVersion, resident.Id, kind, [], ReviewPriority.Normal, options.Value.ObjectionGroup);
        var item = await worklist.OpenItemAsync(request, statement, documents, cancellationToken).ConfigureAwait(false);
        var itemId = item.Id;
        if (item.SubjectId != PersonalDataMask.Mask(resident.Id))
        {
            return Conflict($"Case {caseId} already has an objection by someone else.");
        }

        await durable.StartOnceAsync(ReviewOrchestrations.Review, request, instanceId, cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted($"reviews/{itemId}", new ObjectionAccepted(itemId, instanceId));
    }

    /// <summary>The most weeks the weekly report covers.</summary>
    public const int MaxWeeks = 52;

    /// <summary>The most items one worklist answer holds.</summary>
    public const int MaxListed = 1000;

    /// <summary>GET reviews/report/weekly?weeks=: SLA compliance per ISO week, oldest first (default 8 weeks).</summary>
    /// <exception cref="RequestValidationException">The number of weeks is out of range.</exception>
    public static async Task<JsonHttpResult<IReadOnlyList<WeeklySlaRow>>> WeeklyReportAsync(SlaReport report, int? weeks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (weeks is < 1 or > MaxWeeks)
        {
            throw new RequestValidationException("weeks", $"must be between 1 and {MaxWeeks}");
        }

        return TypedResults.Json(await report.BuildWeeklyAsync(weeks ?? 8, cancellationToken).ConfigureAwait(false), ReviewJson.Options);
    }

    /// <summary>GET reviews/report: SLA compliance per policy and department for items opened in [from, to).</summary>
    public static async Task<JsonHttpResult<IReadOnlyList<SlaReportRow>>> ReportAsync(SlaReport report, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return TypedResults.Json(await report.BuildAsync(from, to, cancellationToken).ConfigureAwait(false), ReviewJson.Options);
    }

    private static async Task<IResult> Answer(Func<Task<ReviewItemView>> action)
    {
        try
        {
            var view = await action().ConfigureAwait(false);
            return new EtaggedOk(view);
        }
        catch (ReviewNotFoundException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Review item not found", detail: ex.Message);
        }
        catch (ReviewConflictException ex)
        {
            return Conflict(ex.Message);
        }
    }

    private static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    private static ReviewActor Actor(ClaimsPrincipal user, params string[] rolesInPreference)
    {
        var id = user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new RequestValidationException("token", "carries no subject (sub) claim");
        var role = rolesInPreference.FirstOrDefault(user.IsInRole) ?? rolesInPreference[0];
        return new ReviewActor(id, role);
    }

    private static string Required(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new RequestValidationException(field, "is required");
        }

        return value.Length <= MaxTextLength ? value : throw new RequestValidationException(field, $"must be at most {MaxTextLength} characters");
    }

    private static IReadOnlyList<string> Items(EvidenceRequest? body, string field)
    {
        var items = body?.Items ?? [];
        if (items.Count == 0 || items.Count > MaxItems || items.Any(i => string.IsNullOrWhiteSpace(i) || i.Length > MaxTextLength))
        {
            throw new RequestValidationException(field, $"1 to {MaxItems} non-empty entries of at most {MaxTextLength} characters");
        }

        return items;
    }

    // 200 with the item and its version as the ETag header, so a client can send it back as If-Match.
    private sealed class EtaggedOk(ReviewItemView view) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.ETag = ReviewWorklist.EntityTag(view.Version);
            return TypedResults.Json(view, ReviewJson.Options).ExecuteAsync(httpContext);
        }
    }
}
