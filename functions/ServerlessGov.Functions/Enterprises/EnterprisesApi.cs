using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Enterprises;

/// <summary>The enterprise-facing HTTP functions: read and acknowledge a notification, opt out of and back in to categories.</summary>
public static partial class EnterprisesApi
{
    /// <summary>GET enterprises/{enterpriseId}/notifications/{eventId}: the delivery record (the enterprise itself, operators, auditors).</summary>
    public static async Task<IResult> GetNotificationAsync(string enterpriseId, string eventId, ClaimsPrincipal user, DeliveryStore deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(deliveries);
        if (user.IsInRole(FunctionRoles.Enterprise) && !user.IsInRole(FunctionRoles.Operator) && !user.IsInRole(FunctionRoles.Auditor) && !IsSelf(user, enterpriseId))
        {
            return NotYours();
        }

        var delivery = await deliveries.GetAsync(eventId, cancellationToken).ConfigureAwait(false);
        return delivery is null || delivery.EnterpriseId != enterpriseId
            ? NotFound(eventId)
            : TypedResults.Json(delivery, EnterpriseJson.Default.EnterpriseDelivery);
    }

    /// <summary>POST enterprises/{enterpriseId}/notifications/{eventId}/acknowledge: the enterprise confirms it has read the notification.</summary>
    public static async Task<IResult> AcknowledgeAsync(string enterpriseId, string eventId, ClaimsPrincipal user, DeliveryStore deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(deliveries);
        if (!IsSelf(user, enterpriseId))
        {
            return NotYours();
        }

        var existing = await deliveries.GetAsync(eventId, cancellationToken).ConfigureAwait(false);
        if (existing is null || existing.EnterpriseId != enterpriseId)
        {
            return NotFound(eventId);
        }

        var after = await deliveries.ChangeAsync(eventId, current => current is { State: DeliveryState.Sent or DeliveryState.Delivered }
            ? current with { State = DeliveryState.Acknowledged }
            : null, cancellationToken).ConfigureAwait(false);
        return after!.State == DeliveryState.Acknowledged
            ? TypedResults.Json(after, EnterpriseJson.Default.EnterpriseDelivery)
            : TypedResults.Problem(
                title: "The notification cannot be acknowledged",
                detail: $"It is {after.State}; only a sent or delivered notification can be acknowledged.",
                statusCode: StatusCodes.Status409Conflict);
    }

    /// <summary>The most notifications one listing returns.</summary>
    public const int MaxNotificationsListed = 200;

    /// <summary>GET enterprises/{enterpriseId}/notifications: the enterprise's notifications (matches and digests), newest first; its own only.</summary>
    public static async Task<IResult> ListNotificationsAsync(string enterpriseId, ClaimsPrincipal user, DeliveryStore deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(deliveries);
        if (user.IsInRole(FunctionRoles.Enterprise) && !user.IsInRole(FunctionRoles.Operator) && !user.IsInRole(FunctionRoles.Auditor) && !IsSelf(user, enterpriseId))
        {
            return NotYours();
        }

        var list = await deliveries.ListForEnterpriseAsync(enterpriseId, MaxNotificationsListed, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(list, EnterpriseJson.Default.IReadOnlyListEnterpriseDelivery);
    }

    /// <summary>GET enterprises/{enterpriseId}/opt-outs: the categories the enterprise opted out of; its own only.</summary>
    public static async Task<IResult> ListOptOutsAsync(string enterpriseId, ClaimsPrincipal user, OptOutStore optOuts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(optOuts);
        return IsSelf(user, enterpriseId)
            ? TypedResults.Ok(await optOuts.ListAsync(enterpriseId, cancellationToken).ConfigureAwait(false))
            : NotYours();
    }

    /// <summary>PUT enterprises/{enterpriseId}/opt-outs/{category}: no more notifications of <paramref name="category"/> (<c>all</c>: none at all), from the next one sent.</summary>
    /// <exception cref="RequestValidationException">The category is not a lowercase name.</exception>
    public static async Task<IResult> OptOutAsync(string enterpriseId, string category, ClaimsPrincipal user, OptOutStore optOuts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(optOuts);
        if (!IsSelf(user, enterpriseId))
        {
            return NotYours();
        }

        await optOuts.OptOutAsync(enterpriseId, ValidCategory(category), cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>DELETE enterprises/{enterpriseId}/opt-outs/{category}: opt back in.</summary>
    /// <exception cref="RequestValidationException">The category is not a lowercase name.</exception>
    public static async Task<IResult> OptInAsync(string enterpriseId, string category, ClaimsPrincipal user, OptOutStore optOuts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(optOuts);
        if (!IsSelf(user, enterpriseId))
        {
            return NotYours();
        }

        await optOuts.OptInAsync(enterpriseId, ValidCategory(category), cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>True when the token's subject is <paramref name="enterpriseId"/>.</summary>
    internal static bool IsSelf(ClaimsPrincipal user, string enterpriseId) =>
        string.Equals(user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier), enterpriseId, StringComparison.Ordinal);

    private static string ValidCategory(string category) =>
        CategoryPattern().IsMatch(category) ? category : throw new RequestValidationException("category", "must be 1–64 lowercase letters, digits or '-'");

    /// <summary>The 403 answer for a token acting on another enterprise.</summary>
    internal static ProblemHttpResult NotYours() => TypedResults.Problem(
        title: "Not your enterprise", detail: "An enterprise token may act only on its own enterprise id.", statusCode: StatusCodes.Status403Forbidden);

    private static ProblemHttpResult NotFound(string eventId) => TypedResults.Problem(
        title: "No such notification", detail: $"No notification '{eventId}' for this enterprise.", statusCode: StatusCodes.Status404NotFound);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryPattern();
}
