namespace ServerlessGov.Functions.Payouts;

/// <summary>The bank could not be asked (timeout, connection failure, server error): nothing is known, so nothing may be assumed.</summary>
public sealed class PaymentGatewayUnavailableException : Exception
{
    public PaymentGatewayUnavailableException()
        : base("The payment gateway did not answer.")
    {
    }

    public PaymentGatewayUnavailableException(string message)
        : base(message)
    {
    }

    public PaymentGatewayUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
