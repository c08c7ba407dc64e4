namespace ServerlessGov.Functions.Notifications;

/// <summary>
/// A way to reach a person beyond the in-app inbox (SMS or e-mail through a provider such as Azure Communication
/// Services). None is registered by default; an adapter registered in the container is used for notifications that ask
/// for its channel and whose recipient has an address for it.
/// </summary>
public interface INotificationChannel
{
    /// <summary>The channel this adapter delivers on (<see cref="NotificationChannel.Sms"/> or <see cref="NotificationChannel.Email"/>).</summary>
    NotificationChannel Channel { get; }

    /// <summary>
    /// Delivers one message. Called again with the same <see cref="NotificationDelivery.DeliveryId"/> when an earlier
    /// attempt's outcome is unknown: the adapter passes it to the provider as its idempotency (repeatability) key so the
    /// person is reached once.
    /// </summary>
    Task DeliverAsync(NotificationDelivery delivery, CancellationToken cancellationToken = default);
}
