namespace ServerlessGov.Storage;

/// <summary>
/// The one failure type of the storage ports: it carries the HTTP-style status, the service's error code and a
/// <see cref="StorageErrorKind"/>, so callers branch on meaning rather than on adapter-specific exception types.
/// </summary>
public class StorageException : Exception
{
    public StorageException(StorageErrorKind kind, int status, string errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Status = status;
        ErrorCode = errorCode;
    }

    public StorageException() : this(StorageErrorKind.Other, 500, "Unknown", "A storage operation failed.")
    {
    }

    public StorageException(string message) : this(StorageErrorKind.Other, 500, "Unknown", message)
    {
    }

    public StorageException(string message, Exception innerException)
        : this(StorageErrorKind.Other, 500, "Unknown", message, innerException)
    {
    }

    /// <summary>What went wrong, in terms the caller acts on.</summary>
    public StorageErrorKind Kind { get; }

    /// <summary>The HTTP status Azure Storage would return for the same failure (404, 409, 412, 413, 400, 429, 500).</summary>
    public int Status { get; }

    /// <summary>The service's error code, e.g. <c>EntityAlreadyExists</c>, <c>UpdateConditionNotSatisfied</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>For a failed table transaction: the zero-based index of the operation that failed; otherwise null.</summary>
    public int? FailedIndex { get; init; }
}
