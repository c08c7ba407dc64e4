namespace ServerlessGov.Functions.Notifications;

/// <summary>One notification as its recipient's inbox holds it: read or not, and which outside channels delivered it.</summary>
/// <param name="Id">The entry's id within the inbox (a digest of the idempotency key), used to mark it read.</param>
/// <param name="Notification">The notification.</param>
/// <param name="RecordedAt">When it was first sent.</param>
/// <param name="ReadAt">When the recipient marked it read; null while unread.</param>
/// <param name="DeliveredBy">The outside channels (SMS, e-mail) that delivered it.</param>
public sealed record InboxEntry(string Id, Notification Notification, DateTimeOffset RecordedAt, DateTimeOffset? ReadAt, IReadOnlyList<NotificationChannel> DeliveredBy);
