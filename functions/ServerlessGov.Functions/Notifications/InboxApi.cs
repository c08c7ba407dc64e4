using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Notifications;

/// <summary>
/// Each person's inbox over HTTP: the notifications addressed to them (their token's subject) and to the roles their
/// token carries (<c>role:{role}</c>, the shared inbox a notification falls back to when configuration names nobody),
/// unread first, and marking one read.
/// </summary>
public static class InboxApi
{
    /// <summary>How many entries a listing returns unless <c>limit</c> says otherwise.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The most entries one listing returns.</summary>
    public const int MaxLimit = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Every role an inbox can belong to: each person signed in with any of them has one.</summary>
    public static IReadOnlyList<string> Roles { get; } =
    [
        FunctionRoles.PolicyAuthor, FunctionRoles.Reviewer, FunctionRoles.Supervisor, FunctionRoles.Auditor,
        FunctionRoles.Operator, FunctionRoles.Resident, FunctionRoles.Enterprise,
    ];

    /// <summary>The recipient a notification to everyone holding <paramref name="role"/> is addressed to.</summary>
    public static string RoleRecipient(string role) => "role:" + role;

    /// <summary>GET inbox?limit=&amp;unreadOnly=: the caller's notifications, unread first, then newest first.</summary>
    /// <exception cref="RequestValidationException">The limit is out of range, or the token has no subject.</exception>
    public static async Task<JsonHttpResult<IReadOnlyList<InboxItem>>> ListAsync(ClaimsPrincipal user, NotificationInbox inbox, int? limit, bool? unreadOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        if (limit is < 1 or > MaxLimit)
        {
            throw new RequestValidationException("limit", $"must be between 1 and {MaxLimit}");
        }

        var entries = await inbox.ListAsync(RecipientsOf(user), limit ?? DefaultLimit, unreadOnly == true, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json<IReadOnlyList<InboxItem>>(entries.Select(InboxItem.Of).ToList(), Json);
    }

    /// <summary>POST inbox/{entryId}/read: marks one of the caller's notifications read; 404 when none of theirs has the id.</summary>
    /// <exception cref="RequestValidationException">The token has no subject.</exception>
    public static async Task<IResult> MarkReadAsync(string entryId, ClaimsPrincipal user, NotificationInbox inbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        var entry = await inbox.MarkReadAsync(RecipientsOf(user), entryId, cancellationToken).ConfigureAwait(false);
        return entry is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Notification not found", detail: $"Your inbox has no notification '{entryId}'.")
            : TypedResults.Json(InboxItem.Of(entry), Json);
    }

    private static List<string> RecipientsOf(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new RequestValidationException("token", "carries no subject (sub) claim");
        return [id, .. Roles.Where(user.IsInRole).Select(RoleRecipient)];
    }
}
