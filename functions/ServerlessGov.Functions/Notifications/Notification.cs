namespace ServerlessGov.Functions.Notifications;

/// <summary>
/// One message to a person. <see cref="IdempotencyKey"/> is deduplicated where it lands, so a retried send never
/// reaches the person twice. <see cref="Recipient"/> is a pseudonymous subject id or a staff user id, never a raw identifier.
/// </summary>
public sealed record Notification(
    string IdempotencyKey,
    string Recipient,
    NotificationChannel Channel,
    string Template,
    IReadOnlyDictionary<string, string> Values);
