namespace ServerlessGov.Functions.Enterprises.Webhooks;

/// <summary>A webhook's host resolved to an address the app may not call (see <see cref="WebhookAddressRules"/>); nothing was sent.</summary>
public sealed class ForbiddenWebhookAddressException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ForbiddenWebhookAddressException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ForbiddenWebhookAddressException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ForbiddenWebhookAddressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
