namespace ServerlessGov.Functions.Reviews;

/// <summary>No review item has the id asked for. The API answers 404.</summary>
public sealed class ReviewNotFoundException : Exception
{
    public ReviewNotFoundException()
    {
    }

    public ReviewNotFoundException(string message)
        : base(message)
    {
    }

    public ReviewNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
