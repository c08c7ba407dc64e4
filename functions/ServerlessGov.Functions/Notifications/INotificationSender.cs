namespace ServerlessGov.Functions.Notifications;

/// <summary>The notification port (SMS, in-app, e-mail adapters behind it).</summary>
public interface INotificationSender
{
    /// <summary>Sends the notification unless one with the same idempotency key was already sent; returns false for a duplicate.</summary>
    Task<bool> SendAsync(Notification notification, CancellationToken cancellationToken = default);
}
