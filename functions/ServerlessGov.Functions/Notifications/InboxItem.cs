namespace ServerlessGov.Functions.Notifications;

/// <summary>One notification as the inbox API shows it to its recipient.</summary>
/// <param name="Id">The id to mark it read with.</param>
/// <param name="Recipient">Whom it was addressed to: the caller's id, or <c>role:{role}</c> for a role's shared inbox.</param>
/// <param name="Template">What it is about (<c>review-escalation</c>, <c>case-paid</c>, …).</param>
/// <param name="Values">The template's values.</param>
/// <param name="Channel">The outside channel it asked for (<c>InApp</c>: the inbox only).</param>
/// <param name="DeliveredBy">The outside channels that delivered it.</param>
/// <param name="RecordedAt">When it was sent.</param>
/// <param name="ReadAt">When it was marked read; null while unread.</param>
public sealed record InboxItem(
    string Id,
    string Recipient,
    string Template,
    IReadOnlyDictionary<string, string> Values,
    NotificationChannel Channel,
    IReadOnlyList<NotificationChannel> DeliveredBy,
    DateTimeOffset RecordedAt,
    DateTimeOffset? ReadAt)
{
    /// <summary>The entry as shown.</summary>
    public static InboxItem Of(InboxEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Id, entry.Notification.Recipient, entry.Notification.Template, entry.Notification.Values, entry.Notification.Channel,
            entry.DeliveredBy, entry.RecordedAt, entry.ReadAt);
    }
}
