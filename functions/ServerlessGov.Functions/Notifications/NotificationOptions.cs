namespace ServerlessGov.Functions.Notifications;

/// <summary>Notification delivery settings (configuration section <c>Notifications</c>): contacts for outside channels and the key their delivery ids are signed with.</summary>
public sealed class NotificationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Notifications";

    /// <summary>Per recipient id (a staff user id): phone and e-mail for the outside channels.</summary>
    public IDictionary<string, NotificationContact> Contacts { get; } = new Dictionary<string, NotificationContact>(StringComparer.Ordinal);

    /// <summary>
    /// The secret delivery ids are derived with (HMAC-SHA256, at least 32 characters); required once an outside
    /// channel is registered. Changing it makes a provider treat retries of earlier sends as new messages.
    /// </summary>
    public string? DeliveryKey { get; set; }
}
