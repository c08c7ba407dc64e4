using System.Globalization;
using Microsoft.Extensions.Logging;
using ServerlessGov.Domain.Sla;
using ServerlessGov.Functions.Notifications;

namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// Handles a <see cref="ReviewEscalation"/> message: re-checks that the step still applies and is due (a stale
/// timer or a sweep racing a pause must not notify early; a breach applies even when someone acted after the
/// deadline, before this message ran), notifies each recipient through the notification port
/// with an idempotency key per item, step and recipient (so redelivered and duplicate messages, from any host,
/// notify once), then records the step on the item and, at breach, marks it overdue.
/// </summary>
public sealed class ReviewEscalationHandler
{
    /// <summary>The notification template escalations use.</summary>
    public const string Template = "review-escalation";

    private readonly ReviewWorklist _worklist;
    private readonly ReviewLadder _ladder;
    private readonly INotificationSender _sender;
    private readonly TimeProvider _time;
    private readonly ILogger<ReviewEscalationHandler> _logger;

    public ReviewEscalationHandler(ReviewWorklist worklist, ReviewLadder ladder, INotificationSender sender, TimeProvider time, ILogger<ReviewEscalationHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(worklist);
        ArgumentNullException.ThrowIfNull(ladder);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _worklist = worklist;
        _ladder = ladder;
        _sender = sender;
        _time = time;
        _logger = logger;
    }

    /// <summary>The idempotency key of one recipient's notification for one step of one item.</summary>
    public static string IdempotencyKey(string itemId, EscalationStep step, string recipient) => $"review/{itemId}/{step.Key}/{recipient}";

    /// <summary>Processes one message; returns how many notifications were newly sent.</summary>
    /// <exception cref="Storage.StorageException">The store failed (the message is retried).</exception>
    public async Task<int> HandleAsync(ReviewEscalation escalation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        ReviewItem item;
        try
        {
            item = await _worklist.LoadAsync(escalation.ItemId, cancellationToken).ConfigureAwait(false);
        }
        catch (ReviewNotFoundException)
        {
            Log.EscalationForUnknownItem(_logger, escalation.ItemId);
            return 0;
        }

        // A step already recorded was notified: a repeat (timer, sweep, action, redelivery) has nothing left to do.
        if (_ladder.DueStep(item, escalation.Deadline, escalation.Level, _time.GetUtcNow()) is not { DueAt: { } dueAt } step || item.Escalated.Contains(step.Key))
        {
            Log.EscalationNotDue(_logger, item.Id, escalation.Deadline, escalation.Level);
            return 0;
        }

        var sent = 0;
        foreach (var recipient in _ladder.Recipients(item, escalation.Level))
        {
            var notification = new Notification(
                IdempotencyKey(item.Id, step, recipient),
                recipient,
                step.Level == EscalationLevel.Reminder ? NotificationChannel.InApp : NotificationChannel.Email,
                Template,
                new Dictionary<string, string>
                {
                    ["itemId"] = item.Id,
                    ["deadline"] = step.Deadline.ToString(),
                    ["level"] = ((int)step.Level).ToString(CultureInfo.InvariantCulture),
                    ["dueAt"] = dueAt.ToString("O", CultureInfo.InvariantCulture),
                    ["policyId"] = item.PolicyId,
                    ["group"] = item.Group,
                });
            if (await _sender.SendAsync(notification, cancellationToken).ConfigureAwait(false))
            {
                sent++;
            }
        }

        await _worklist.MarkEscalatedAsync(item.Id, step, cancellationToken).ConfigureAwait(false);
        Log.Escalated(_logger, item.Id, step.Deadline, step.Level, sent);
        return sent;
    }
}
