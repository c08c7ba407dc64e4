namespace ServerlessGov.Functions.Enterprises.Dispatch;

/// <summary>An enterprise webhook could not be reached or answered outside 200–204 (retried like a failed publish).</summary>
public sealed class WebhookDeliveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookDeliveryException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WebhookDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public WebhookDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
