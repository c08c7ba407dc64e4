using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Notifications;

/// <summary>
/// The inbox as isolated-worker functions: every signed-in person reads their own notifications and marks them read.
/// The Azure Functions host loads them from <c>functions.metadata</c>; the local runtime reads the same attributes.
/// </summary>
public sealed class NotificationFunctions(NotificationInbox inbox)
{
    /// <summary>GET inbox?limit=&amp;unreadOnly=: the caller's notifications, unread first, then newest first.</summary>
    /// <exception cref="RequestValidationException">The limit is out of range, or the token has no subject.</exception>
    [Function("ListInbox")]
    [RequireRoles(FunctionRoles.PolicyAuthor, FunctionRoles.Reviewer, FunctionRoles.Supervisor, FunctionRoles.Auditor, FunctionRoles.Operator, FunctionRoles.Resident, FunctionRoles.Enterprise)]
    public Task<JsonHttpResult<IReadOnlyList<InboxItem>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "inbox")] HttpRequest request, int? limit, bool? unreadOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InboxApi.ListAsync(request.HttpContext.User, inbox, limit, unreadOnly, cancellationToken);
    }

    /// <summary>POST inbox/{entryId}/read: marks one of the caller's notifications read; 404 when none of theirs has the id.</summary>
    /// <exception cref="RequestValidationException">The token has no subject.</exception>
    [Function("MarkInboxRead")]
    [RequireRoles(FunctionRoles.PolicyAuthor, FunctionRoles.Reviewer, FunctionRoles.Supervisor, FunctionRoles.Auditor, FunctionRoles.Operator, FunctionRoles.Resident, FunctionRoles.Enterprise)]
    public Task<IResult> MarkReadAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "inbox/{entryId}/read")] HttpRequest request, string entryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InboxApi.MarkReadAsync(entryId, request.HttpContext.User, inbox, cancellationToken);
    }
}
