using ServerlessGov.Functions.Enterprises.Digests;
using ServerlessGov.Functions.Enterprises.Matching;
using ServerlessGov.Functions.Enterprises.Profiles;
using ServerlessGov.Functions.Enterprises.Webhooks;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Queues;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Enterprises;

/// <summary>Declares the enterprise functions: matching on publish and on profile change, the notification and digest senders, the digest timer, the local Event Grid receiver, the profile, webhook registration, acknowledgements and opt-outs.</summary>
public static class EnterprisesFunctions
{
    /// <summary>The receiver's route below the prefix (<c>/api/enterprises/events</c>); the local topic endpoint points here.</summary>
    public const string ReceiverRoute = "enterprises/events";

    /// <summary>Adds the enterprise functions.</summary>
    public static FunctionsBuilder AddEnterprisesFunctions(this FunctionsBuilder functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var enterprise = FunctionAuthorization.Roles(FunctionRoles.Enterprise);
        return functions
            .RouteValue(AppRouteValues.EnterpriseId)
            .RouteValue(AppRouteValues.EventId)
            .RouteValue(AppRouteValues.Category)
            .Queue("SendEnterpriseNotification", PolicyMatchNotification.QueueName, EnterpriseJson.Default.PolicyMatchNotification, SendAsync)
            .Queue<PolicyPublished>("MatchEnterprisesOnPublish", PolicyPublished.EnterpriseQueueName, (message, context, ct) =>
                context.Services.GetRequiredService<EnterpriseMatchingHandler>().OnPolicyPublishedAsync(message, ct))
            .Queue("MatchEnterpriseShard", EnterpriseShardWork.QueueName, EnterpriseJson.Default.EnterpriseShardWork, (message, context, ct) =>
                context.Services.GetRequiredService<EnterpriseMatchingHandler>().OnShardAsync(message, ct))
            .Queue<SubjectUpdated>("MatchEnterpriseOnProfileChange", SubjectUpdated.EnterpriseQueueName, (message, context, ct) =>
                context.Services.GetRequiredService<EnterpriseMatchingHandler>().OnProfileChangedAsync(message, ct))
            .Http("GetEnterpriseProfile", "GET", "enterprises/{enterpriseId}/profile", EnterpriseProfileApi.GetAsync,
                FunctionAuthorization.Roles(FunctionRoles.Enterprise, FunctionRoles.Operator))
            .Http("RegisterEnterpriseWebhook", "PUT", "enterprises/{enterpriseId}/webhook", WebhooksApi.RegisterAsync, enterprise)
            .Http("GetEnterpriseWebhook", "GET", "enterprises/{enterpriseId}/webhook", WebhooksApi.GetAsync, enterprise)
            .Http("DeleteEnterpriseWebhook", "DELETE", "enterprises/{enterpriseId}/webhook", WebhooksApi.DeleteAsync, enterprise)
            .Timer("ScheduleWeeklyEnterpriseDigests", WeeklyDigestScheduler.Schedule, (timer, context, ct) =>
                context.Services.GetRequiredService<WeeklyDigestScheduler>().RunAsync(timer.ScheduledTime, ct))
            .Queue("SendEnterpriseDigest", WeeklyDigestRequest.QueueName, EnterpriseJson.Default.WeeklyDigestRequest, (message, context, ct) =>
                context.Services.GetRequiredService<WeeklyDigestSender>().SendAsync(message, context, ct))
            .Http("ReceiveEnterpriseEvents", "POST", ReceiverRoute, EventReceiverApi.ReceiveAsync, FunctionAuthorization.Public)
            .Http("ValidateEnterpriseEventsWebhook", "OPTIONS", ReceiverRoute, EventReceiverApi.Preflight, FunctionAuthorization.Public)
            .Http("GetEnterpriseNotification", "GET", "enterprises/{enterpriseId}/notifications/{eventId}", EnterprisesApi.GetNotificationAsync,
                FunctionAuthorization.Roles(FunctionRoles.Enterprise, FunctionRoles.Operator, FunctionRoles.Auditor))
            .Http("ListEnterpriseNotifications", "GET", "enterprises/{enterpriseId}/notifications", EnterprisesApi.ListNotificationsAsync,
                FunctionAuthorization.Roles(FunctionRoles.Enterprise, FunctionRoles.Operator, FunctionRoles.Auditor))
            .Http("ListEnterpriseOptOuts", "GET", "enterprises/{enterpriseId}/opt-outs", EnterprisesApi.ListOptOutsAsync, enterprise)
            .Http("AcknowledgeEnterpriseNotification", "POST", "enterprises/{enterpriseId}/notifications/{eventId}/acknowledge", EnterprisesApi.AcknowledgeAsync, enterprise)
            .Http("OptOutOfEnterpriseNotifications", "PUT", "enterprises/{enterpriseId}/opt-outs/{category}", EnterprisesApi.OptOutAsync, enterprise)
            .Http("OptInToEnterpriseNotifications", "DELETE", "enterprises/{enterpriseId}/opt-outs/{category}", EnterprisesApi.OptInAsync, enterprise);
    }

    private static Task SendAsync(PolicyMatchNotification message, QueueTriggerContext context, CancellationToken cancellationToken) =>
        context.Services.GetRequiredService<EnterpriseNotificationSender>().SendAsync(message, context, cancellationToken);
}
