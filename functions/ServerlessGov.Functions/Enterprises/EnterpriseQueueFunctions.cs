using Microsoft.Azure.Functions.Worker;
using ServerlessGov.Functions.Enterprises.Digests;
using ServerlessGov.Functions.Enterprises.Dispatch;
using ServerlessGov.Functions.Enterprises.Matching;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects;

namespace ServerlessGov.Functions.Enterprises;

/// <summary>
/// The enterprise work that runs off queues and a timer, as isolated-worker functions: matching on publish, per shard
/// and on profile change, the notification and digest senders, and the weekly digest timer. The Azure Functions host
/// loads them from <c>functions.metadata</c>; the local runtime reads the same attributes.
/// </summary>
public sealed class EnterpriseQueueFunctions(
    EnterpriseMatchingHandler matching, EnterpriseNotificationSender notifications, WeeklyDigestSender digests, WeeklyDigestScheduler scheduler, TimeProvider time)
{
    private const string SendNotification = "SendEnterpriseNotification";
    private const string SendDigest = "SendEnterpriseDigest";

    /// <summary>A policy was published: its enterprise matching is split into shards.</summary>
    [Function("MatchEnterprisesOnPublish")]
    public Task MatchOnPublishAsync([QueueTrigger(PolicyPublished.EnterpriseQueueName)] PolicyPublished message, CancellationToken cancellationToken) =>
        matching.OnPolicyPublishedAsync(message, cancellationToken);

    /// <summary>One shard of enterprises matched against a published policy.</summary>
    [Function("MatchEnterpriseShard")]
    public Task MatchShardAsync([QueueTrigger(EnterpriseShardWork.QueueName)] EnterpriseShardWork message, CancellationToken cancellationToken) =>
        matching.OnShardAsync(message, cancellationToken);

    /// <summary>An enterprise's profile changed: it is matched again against the published policies.</summary>
    [Function("MatchEnterpriseOnProfileChange")]
    public Task MatchOnProfileChangeAsync([QueueTrigger(SubjectUpdated.EnterpriseQueueName)] SubjectUpdated message, CancellationToken cancellationToken) =>
        matching.OnProfileChangedAsync(message, cancellationToken);

    /// <summary>Sends one match notification (<see cref="EnterpriseNotificationSender"/>), retried by the message's dequeue count.</summary>
    [Function(SendNotification)]
    public Task SendNotificationAsync(
        [QueueTrigger(PolicyMatchNotification.QueueName)] PolicyMatchNotification message, string id, long dequeueCount, DateTimeOffset insertionTime, CancellationToken cancellationToken) =>
        notifications.SendAsync(message, new ReceivedMessage(SendNotification, PolicyMatchNotification.QueueName, id, dequeueCount, insertionTime), cancellationToken);

    /// <summary>
    /// Mondays at 09:00 (<see cref="WeeklyDigestScheduler.Schedule"/>): queues the digests of this week. The week is the
    /// run's own: the worker's <see cref="TimerInfo"/> carries no scheduled time, and a late run the same week gives the same week.
    /// </summary>
    [Function("ScheduleWeeklyEnterpriseDigests")]
    public Task ScheduleDigestsAsync([TimerTrigger(WeeklyDigestScheduler.Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        scheduler.RunAsync(time.GetUtcNow(), cancellationToken);

    /// <summary>Sends one enterprise's weekly digest (<see cref="WeeklyDigestSender"/>), retried by the message's dequeue count.</summary>
    [Function(SendDigest)]
    public Task SendDigestAsync(
        [QueueTrigger(WeeklyDigestRequest.QueueName)] WeeklyDigestRequest message, string id, long dequeueCount, DateTimeOffset insertionTime, CancellationToken cancellationToken) =>
        digests.SendAsync(message, new ReceivedMessage(SendDigest, WeeklyDigestRequest.QueueName, id, dequeueCount, insertionTime), cancellationToken);
}
