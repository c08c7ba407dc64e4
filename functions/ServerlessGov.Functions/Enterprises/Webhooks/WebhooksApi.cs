using System.Security.Claims;
using ServerlessGov.Hosting.Http;

namespace ServerlessGov.Functions.Enterprises.Webhooks;

/// <summary>An enterprise registers, reads and removes its own webhook; registration runs Event Grid's validation handshake first.</summary>
public static class WebhooksApi
{
    /// <summary>
    /// PUT enterprises/{enterpriseId}/webhook: validates the URL with the handshake and, when it passes, sends the
    /// enterprise's events there from the next one on (200 with the registration). A failed handshake answers 422 and
    /// leaves the previous registration as it was.
    /// </summary>
    /// <exception cref="RequestValidationException">The URL is missing, not absolute, carries credentials, is not https, or its host resolves to a non-public address (<see cref="WebhookAddressGuard"/>).</exception>
    public static async Task<IResult> RegisterAsync(
        string enterpriseId, WebhookRegistration body, ClaimsPrincipal user, WebhookAddressGuard guard, WebhookValidator validator, WebhookStore webhooks, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(webhooks);
        ArgumentNullException.ThrowIfNull(time);
        if (!EnterprisesApi.IsSelf(user, enterpriseId))
        {
            return EnterprisesApi.NotYours();
        }

        var url = await guard.CheckRegistrationAsync(body?.Url, cancellationToken).ConfigureAwait(false);
        var (handshake, failure) = await validator.ValidateAsync(url, cancellationToken).ConfigureAwait(false);
        if (handshake is null)
        {
            return TypedResults.Problem(
                title: "The webhook did not pass validation",
                detail: $"url: must answer Event Grid's validation handshake (CloudEvents OPTIONS or SubscriptionValidation): {failure}",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["field"] = "url", ["rule"] = "must answer Event Grid's validation handshake" });
        }

        var webhook = new EnterpriseWebhook(enterpriseId, url, handshake, time.GetUtcNow());
        await webhooks.SaveAsync(webhook, cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(webhook, EnterpriseJson.Default.EnterpriseWebhook);
    }

    /// <summary>GET enterprises/{enterpriseId}/webhook: the registration, or 404 when events go to the topic.</summary>
    public static async Task<IResult> GetAsync(string enterpriseId, ClaimsPrincipal user, WebhookStore webhooks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(webhooks);
        if (!EnterprisesApi.IsSelf(user, enterpriseId))
        {
            return EnterprisesApi.NotYours();
        }

        var webhook = await webhooks.GetAsync(enterpriseId, cancellationToken).ConfigureAwait(false);
        return webhook is null
            ? TypedResults.Problem(title: "No webhook", detail: "This enterprise has no webhook; its events go to the topic.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Json(webhook, EnterpriseJson.Default.EnterpriseWebhook);
    }

    /// <summary>DELETE enterprises/{enterpriseId}/webhook: events go to the topic again.</summary>
    public static async Task<IResult> DeleteAsync(string enterpriseId, ClaimsPrincipal user, WebhookStore webhooks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(webhooks);
        if (!EnterprisesApi.IsSelf(user, enterpriseId))
        {
            return EnterprisesApi.NotYours();
        }

        await webhooks.DeleteAsync(enterpriseId, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }
}
