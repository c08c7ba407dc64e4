namespace ServerlessGov.Functions.Notifications;

/// <summary>How a notification reaches a person.</summary>
public enum NotificationChannel
{
    /// <summary>A text message to the phone number on file.</summary>
    Sms,

    /// <summary>A message in the government-services app.</summary>
    InApp,

    /// <summary>An e-mail.</summary>
    Email,
}
