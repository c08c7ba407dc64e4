namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// The item changed under the caller (another reviewer decided or claimed it first, or the caller's version is stale),
/// or the change is not allowed in the item's state. The API answers 409.
/// </summary>
public sealed class ReviewConflictException : Exception
{
    public ReviewConflictException()
    {
    }

    public ReviewConflictException(string message)
        : base(message)
    {
    }

    public ReviewConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
