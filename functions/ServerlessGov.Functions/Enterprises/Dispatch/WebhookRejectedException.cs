namespace ServerlessGov.Functions.Enterprises.Dispatch;

/// <summary>An enterprise webhook answered 400, 401, 403 or 413 (Event Grid does not retry these, and neither do we), or its host resolves to an address the app may not call.</summary>
public sealed class WebhookRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookRejectedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WebhookRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public WebhookRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
