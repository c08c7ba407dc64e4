namespace ServerlessGov.Functions.Notifications;

/// <summary>A notification was sent again under an idempotency key already used for different details: a bug in the sender, never a duplicate to swallow.</summary>
public sealed class NotificationConflictException : Exception
{
    public NotificationConflictException()
    {
    }

    public NotificationConflictException(string message)
        : base(message)
    {
    }

    public NotificationConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
