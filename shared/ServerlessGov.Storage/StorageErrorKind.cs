namespace ServerlessGov.Storage;

/// <summary>What went wrong in a storage call, in terms callers act on, the same for every adapter.</summary>
public enum StorageErrorKind
{
    /// <summary>Anything not listed below: a server or transport failure the caller may retry.</summary>
    Other = 0,

    /// <summary>The table, queue, entity or message does not exist (for a message: also a pop receipt that is no longer valid).</summary>
    NotFound,

    /// <summary>An insert met an entity with the same keys, or a create met an existing table.</summary>
    AlreadyExists,

    /// <summary>A conditional write's ETag no longer matches: someone else wrote first.</summary>
    PreconditionFailed,

    /// <summary>An entity, property, batch or message is over a documented size limit.</summary>
    TooLarge,

    /// <summary>The request breaks a rule of the model: a bad key or name, a wrong type, a batch over two partitions.</summary>
    InvalidInput,

    /// <summary>The service asked the caller to slow down (HTTP 429/503 after retries).</summary>
    Throttled,
}
