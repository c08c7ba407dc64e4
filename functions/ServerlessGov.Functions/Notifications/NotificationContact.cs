namespace ServerlessGov.Functions.Notifications;

/// <summary>Where a staff member is reached beyond the inbox (personal data: kept in configuration, never logged).</summary>
public sealed class NotificationContact
{
    /// <summary>The phone number for SMS.</summary>
    public string? Phone { get; set; }

    /// <summary>The e-mail address.</summary>
    public string? Email { get; set; }
}
