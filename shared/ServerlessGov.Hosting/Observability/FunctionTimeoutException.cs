namespace ServerlessGov.Hosting.Observability;

/// <summary>An invocation was cancelled because it ran longer than host.json <c>functionTimeout</c>; it counts as a failure.</summary>
public sealed class FunctionTimeoutException : Exception
{
    public FunctionTimeoutException()
    {
    }

    public FunctionTimeoutException(string message) : base(message)
    {
    }

    public FunctionTimeoutException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
