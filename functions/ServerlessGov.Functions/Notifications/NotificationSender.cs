using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServerlessGov.Functions.Notifications;

/// <summary>
/// The one path every notice takes, a reviewer's escalation and a resident's payment notice alike: it lands in the
/// recipient's inbox (deduplicated by idempotency key; the same key with other details is a conflict), then, when it
/// asks for SMS or e-mail, an adapter for that channel is registered and the recipient has an address for it, goes out
/// there too, with a delivery id outsiders cannot forge. A send repeated after a failure delivers what is still
/// undelivered, and nothing twice that a channel confirmed.
/// </summary>
public sealed class NotificationSender : INotificationSender
{
    private readonly NotificationInbox _inbox;
    private readonly Dictionary<NotificationChannel, INotificationChannel> _channels;
    private readonly NotificationOptions _options;
    private readonly byte[] _deliveryKey;
    private readonly ILogger<NotificationSender> _logger;

    /// <summary>Creates the sender over the inbox and the registered outside channels.</summary>
    /// <exception cref="InvalidOperationException">An outside channel is registered but <c>Notifications:DeliveryKey</c> is missing or shorter than 32 characters.</exception>
    public NotificationSender(NotificationInbox inbox, IEnumerable<INotificationChannel> channels, IOptions<NotificationOptions> options, ILogger<NotificationSender> logger)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _inbox = inbox;
        _channels = channels.ToDictionary(c => c.Channel);
        _options = options.Value;
        _logger = logger;
        if (_channels.Count > 0 && _options.DeliveryKey is not { Length: >= 32 })
        {
            throw new InvalidOperationException($"{NotificationOptions.Section}:DeliveryKey (at least 32 characters) is required when an outside notification channel is registered.");
        }

        _deliveryKey = Encoding.UTF8.GetBytes(_options.DeliveryKey ?? string.Empty);
    }

    /// <inheritdoc />
    /// <exception cref="NotificationConflictException">The idempotency key was used before for other details.</exception>
    /// <exception cref="Storage.StorageException">The store failed.</exception>
    public async Task<bool> SendAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var (entry, isNew) = await _inbox.KeepAsync(notification, cancellationToken).ConfigureAwait(false);
        if (notification.Channel != NotificationChannel.InApp
            && !entry.DeliveredBy.Contains(notification.Channel)
            && _channels.TryGetValue(notification.Channel, out var channel)
            && AddressOf(notification.Recipient, notification.Channel) is { } address)
        {
            await channel.DeliverAsync(new NotificationDelivery(DeliveryId(notification), address, notification.Template, notification.Values), cancellationToken).ConfigureAwait(false);
            await _inbox.MarkDeliveredAsync(entry, notification.Channel, cancellationToken).ConfigureAwait(false);
            Log.Delivered(_logger, entry.Id, notification.Channel);
        }

        return isNew;
    }

    private string? AddressOf(string recipient, NotificationChannel channel) =>
        _options.Contacts.TryGetValue(recipient, out var contact)
            ? channel == NotificationChannel.Sms ? contact.Phone : contact.Email
            : null;

    private string DeliveryId(Notification notification) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_deliveryKey, Encoding.UTF8.GetBytes($"{notification.Channel}|{notification.IdempotencyKey}")));
}
