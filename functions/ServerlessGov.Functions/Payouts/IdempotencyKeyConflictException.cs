namespace ServerlessGov.Functions.Payouts;

/// <summary>
/// The bank already holds a different payment under this idempotency key. It signals a bug or a tampered
/// record, never a reason to retry under another key.
/// </summary>
public sealed class IdempotencyKeyConflictException : Exception
{
    public IdempotencyKeyConflictException(string idempotencyKey, string? detail = null)
        : base($"The bank holds a different payment under idempotency key '{idempotencyKey}'." + (detail is null ? string.Empty : " " + detail))
    {
        IdempotencyKey = idempotencyKey;
    }

    public IdempotencyKeyConflictException()
        : this("(unknown)")
    {
    }

    public IdempotencyKeyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        IdempotencyKey = string.Empty;
    }

    /// <summary>The key that was reused.</summary>
    public string IdempotencyKey { get; }
}
