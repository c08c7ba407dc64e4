using ServerlessGov.Storage;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Functions.Enterprises.Matching;

/// <summary>
/// Puts a match on <c>enterprise-notifications</c>, once per (enterprise, policy version): a match whose notification
/// is already pending, sent, delivered or acknowledged is not queued again. (The sender de-duplicates as well, so two
/// triggers racing past this check still notify once.)
/// </summary>
public sealed class MatchNotificationQueue
{
    private readonly IQueue _queue;
    private readonly DeliveryStore _deliveries;
    private readonly CreateOnFirstUse _queueCreated;

    /// <summary>Creates the queue writer.</summary>
    public MatchNotificationQueue(IQueueStore queues, DeliveryStore deliveries)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(deliveries);
        _queue = queues.GetQueue(PolicyMatchNotification.QueueName);
        _queueCreated = new CreateOnFirstUse(_queue);
        _deliveries = deliveries;
    }

    /// <summary>Queues the notification of <paramref name="match"/> when it is eligible or likely eligible and not yet notified; returns whether it did.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The store or the queue failed.</exception>
    public async Task<bool> QueueAsync(EnterprisePolicyMatch match, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        if (match.Eligibility == EnterpriseEligibility.NotEligible)
        {
            return false;
        }

        var eventId = NotificationEventIds.For(match.EnterpriseId, match.PolicyId, match.PolicyVersion);
        var existing = await _deliveries.GetAsync(eventId, cancellationToken).ConfigureAwait(false);
        if (existing is { State: DeliveryState.Pending or DeliveryState.Sent or DeliveryState.Delivered or DeliveryState.Acknowledged })
        {
            return false;
        }

        var message = new PolicyMatchNotification
        {
            EnterpriseId = match.EnterpriseId,
            PolicyId = match.PolicyId,
            PolicyVersion = match.PolicyVersion,
            Category = match.Category,
            Outcome = match.Eligibility == EnterpriseEligibility.Eligible ? MatchOutcome.Eligible : MatchOutcome.LikelyEligible,
            FactsToConfirm = [.. match.FactsToConfirm.Select(f => f.Fact)],
        };
        await _queueCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await _queue.SendAsync(BinaryData.FromObjectAsJson(message, EnterpriseJson.Default.PolicyMatchNotification), timeToLive: QueueRules.NoExpiry, cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }
}
