using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessGov.Functions.Enterprises.Profiles;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Enterprises;

/// <summary>
/// What an enterprise reads and says over HTTP, as isolated-worker functions: its profile, its notifications and their
/// acknowledgement, its opt-outs, and the app's own Event Grid receiver. The Azure Functions host loads them from
/// <c>functions.metadata</c>; the local runtime reads the same attributes. Each body calls <see cref="EnterprisesApi"/>,
/// <see cref="EnterpriseProfileApi"/> or <see cref="EventReceiverApi"/>.
/// </summary>
public sealed class EnterprisesFunctions(
    EnterpriseProfileReader profiles, DeliveryStore deliveries, OptOutStore optOuts, IOptions<EnterpriseNotificationOptions> options, ILogger<DeliveryStore> logger)
{
    /// <summary>The receiver's route below the prefix (<c>/api/enterprises/events</c>); the local topic endpoint points here.</summary>
    public const string ReceiverRoute = "enterprises/events";

    /// <summary>GET enterprises/{enterpriseId}/profile: 一企一档 with policy matches (the enterprise itself, operators).</summary>
    [Function("GetEnterpriseProfile")]
    [RequireRoles(FunctionRoles.Enterprise, FunctionRoles.Operator)]
    public Task<IResult> GetProfileAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "enterprises/{enterpriseId}/profile")] HttpRequest request, string enterpriseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EnterpriseProfileApi.GetAsync(enterpriseId, request.HttpContext.User, profiles, cancellationToken);
    }

    /// <summary>POST enterprises/events: Event Grid's deliveries and validation handshake (public on purpose: Event Grid holds no token of ours).</summary>
    [Function("ReceiveEnterpriseEvents")]
    [PublicFunction]
    public Task<IResult> ReceiveEventsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ReceiverRoute)] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EventReceiverApi.ReceiveAsync(request.HttpContext, deliveries, options, logger, cancellationToken);
    }

    /// <summary>OPTIONS enterprises/events: the CloudEvents webhook abuse-protection handshake (public on purpose).</summary>
    [Function("ValidateEnterpriseEventsWebhook")]
    [PublicFunction]
    public static IResult ValidateEventsWebhook([HttpTrigger(AuthorizationLevel.Anonymous, "options", Route = ReceiverRoute)] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EventReceiverApi.Preflight(request.HttpContext);
    }

    /// <summary>GET enterprises/{enterpriseId}/notifications/{eventId}: the delivery record (the enterprise itself, operators, auditors).</summary>
    [Function("GetEnterpriseNotification")]
    [RequireRoles(FunctionRoles.Enterprise, FunctionRoles.Operator, FunctionRoles.Auditor)]
    public Task<IResult> GetNotificationAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "enterprises/{enterpriseId}/notifications/{eventId}")] HttpRequest request,
        string enterpriseId, string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EnterprisesApi.GetNotificationAsync(enterpriseId, eventId, request.HttpContext.User, deliveries, cancellationToken);
    }

    /// <summary>GET enterprises/{enterpriseId}/notifications: the enterprise's delivery records (the enterprise itself, operators, auditors).</summary>
    [Function("ListEnterpriseNotifications")]
    [RequireRoles(FunctionRoles.Enterprise, FunctionRoles.Operator, FunctionRoles.Auditor)]
    public Task<IResult> ListNotificationsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "enterprises/{enterpriseId}/notifications")] HttpRequest request, string enterpriseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EnterprisesApi.ListNotificationsAsync(enterpriseId, request.HttpContext.User, deliveries, cancellationToken);
    }

    /// <summary>POST enterprises/{enterpriseId}/notifications/{eventId}/acknowledge: the enterprise has read it.</summary>
    [Function("AcknowledgeEnterpriseNotification")]
    [RequireRoles(FunctionRoles.Enterprise)]
    public Task<IResult> AcknowledgeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "enterprises/{enterpriseId}/notifications/{eventId}/acknowledge")] HttpRequest request,
        string enterpriseId, string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EnterprisesApi.AcknowledgeAsync(enterpriseId, eventId, request.HttpContext.User, deliveries, cancellationToken);
    }

    /// <summary>GET enterprises/{enterpriseId}/opt-outs: the categories the enterprise opted out of.</summary>
    [Function("ListEnterpriseOptOuts")]
    [RequireRoles(FunctionRoles.Enterprise)]
    public Task<IResult> ListOptOutsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "enterprises/{enterpriseId}/opt-outs")] HttpRequest request, string enterpriseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EnterprisesApi.ListOptOutsAsync(enterpriseId, request.HttpContext.User, optOuts, cancellationToken);
    }

    /// <summary>PUT enterprises/{enterpriseId}/opt-outs/{category}: no more notifications of that category.</summary>
    [Function("OptOutOfEnterpriseNotifications")]
    [RequireRoles(FunctionRoles.Enterprise)]
    public Task<IResult> OptOutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "enterprises/{enterpriseId}/opt-outs/{category}")] HttpRequest request,
        string enterpriseId, string category, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EnterprisesApi.OptOutAsync(enterpriseId, category, request.HttpContext.User, optOuts, cancellationToken);
    }

    /// <summary>DELETE enterprises/{enterpriseId}/opt-outs/{category}: that category's notifications again.</summary>
    [Function("OptInToEnterpriseNotifications")]
    [RequireRoles(FunctionRoles.Enterprise)]
    public Task<IResult> OptInAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "enterprises/{enterpriseId}/opt-outs/{category}")] HttpRequest request,
        string enterpriseId, string category, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EnterprisesApi.OptInAsync(enterpriseId, category, request.HttpContext.User, optOuts, cancellationToken);
    }
}
