using Microsoft.Azure.Functions.Worker;
using ServerlessGov.Hosting.Security;
using FromBodyAttribute = Microsoft.Azure.Functions.Worker.Http.FromBodyAttribute;

namespace ServerlessGov.Functions.Enterprises.Webhooks;

/// <summary>
/// An enterprise's own webhook as isolated-worker functions (register, read, remove). The Azure Functions host loads
/// them from <c>functions.metadata</c>; the local runtime reads the same attributes. Each body calls <see cref="WebhooksApi"/>.
/// </summary>
public sealed class EnterpriseWebhookFunctions(WebhookAddressGuard guard, WebhookValidator validator, WebhookStore webhooks, TimeProvider time)
{
    /// <summary>PUT enterprises/{enterpriseId}/webhook: validates the URL with Event Grid's handshake, then sends the enterprise's events there.</summary>
    [Function("RegisterEnterpriseWebhook")]
    [RequireRoles(FunctionRoles.Enterprise)]
    public Task<IResult> RegisterAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "enterprises/{enterpriseId}/webhook")] HttpRequest request,
        string enterpriseId, [FromBody] WebhookRegistration body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WebhooksApi.RegisterAsync(enterpriseId, body, request.HttpContext.User, guard, validator, webhooks, time, cancellationToken);
    }

    /// <summary>GET enterprises/{enterpriseId}/webhook: the registration, or 404 when events go to the topic.</summary>
    [Function("GetEnterpriseWebhook")]
    [RequireRoles(FunctionRoles.Enterprise)]
    public Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "enterprises/{enterpriseId}/webhook")] HttpRequest request, string enterpriseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WebhooksApi.GetAsync(enterpriseId, request.HttpContext.User, webhooks, cancellationToken);
    }

    /// <summary>DELETE enterprises/{enterpriseId}/webhook: events go to the topic again.</summary>
    [Function("DeleteEnterpriseWebhook")]
    [RequireRoles(FunctionRoles.Enterprise)]
    public Task<IResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "enterprises/{enterpriseId}/webhook")] HttpRequest request, string enterpriseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WebhooksApi.DeleteAsync(enterpriseId, request.HttpContext.User, webhooks, cancellationToken);
    }
}
