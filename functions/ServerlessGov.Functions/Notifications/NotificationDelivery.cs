namespace ServerlessGov.Functions.Notifications;

/// <summary>One message for an outside channel.</summary>
/// <param name="DeliveryId">The idempotency key for the provider: an HMAC of the notification's key and the channel under a secret, so outsiders cannot forge or predict it.</param>
/// <param name="Address">The phone number or e-mail address (personal data: never logged).</param>
/// <param name="Template">The message template.</param>
/// <param name="Values">The template's values.</param>
public sealed record NotificationDelivery(string DeliveryId, string Address, string Template, IReadOnlyDictionary<string, string> Values);
