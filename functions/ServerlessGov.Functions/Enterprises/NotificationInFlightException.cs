namespace ServerlessGov.Functions.Enterprises;

/// <summary>Another sender holds the claim on this notification; the message is retried later and then finds it sent.</summary>
public sealed class NotificationInFlightException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotificationInFlightException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NotificationInFlightException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public NotificationInFlightException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
