using Azure;

namespace ServerlessGov.Storage.Azure;

/// <summary>Turns the Azure SDK's <see cref="RequestFailedException"/> into the port's <see cref="StorageException"/>: Azure's error codes become the port's kinds, whichever spelling the service (or Azurite) uses.</summary>
internal static class StorageErrors
{
    public static StorageException From(RequestFailedException exception) => From(exception, Classify(exception.Status, CodeOf(exception)));

    public static StorageException From(RequestFailedException exception, StorageErrorKind kind, int? failedIndex = null) =>
        new(kind, exception.Status, CodeOf(exception), ServiceMessage(exception), exception) { FailedIndex = failedIndex };

    /// <summary>The same failure, saying that the SDK tried more than once: for a write, an earlier attempt may have been applied.</summary>
    public static StorageException AfterAttempts(this StorageException error, int attempts) =>
        attempts <= 1
            ? error
            : new(error.Kind, error.Status, error.ErrorCode,
                $"{error.Message} (after {attempts} attempts; for a write, an earlier attempt may have been applied before its response was lost)",
                error.InnerException)
            { FailedIndex = error.FailedIndex };

    public static string CodeOf(RequestFailedException exception) =>
        exception.ErrorCode is { Length: > 0 } code ? code : $"Http{exception.Status}";

    public static StorageErrorKind Classify(int status, string code) => code switch
    {
        "EntityAlreadyExists" or "TableAlreadyExists" or "QueueAlreadyExists" => StorageErrorKind.AlreadyExists,
        "UpdateConditionNotSatisfied" or "ConditionNotMet" => StorageErrorKind.PreconditionFailed,
        "ResourceNotFound" or "EntityNotFound" or "TableNotFound" or "QueueNotFound" or "MessageNotFound" or "PopReceiptMismatch" => StorageErrorKind.NotFound,
        "EntityTooLarge" or "PropertyValueTooLarge" or "RequestBodyTooLarge" or "MessageTooLarge" or "KeyValueTooLarge" => StorageErrorKind.TooLarge,
        "ServerBusy" or "TooManyRequests" => StorageErrorKind.Throttled,

        // A table or queue deleted moments ago answers 409 until the service has finished deleting it: not "exists".
        "TableBeingDeleted" or "QueueBeingDeleted" => StorageErrorKind.Other,
        _ => status switch
        {
            404 => StorageErrorKind.NotFound,
            409 => StorageErrorKind.AlreadyExists,
            412 => StorageErrorKind.PreconditionFailed,
            413 => StorageErrorKind.TooLarge,
            429 or 503 => StorageErrorKind.Throttled,
            400 => StorageErrorKind.InvalidInput,
            _ => StorageErrorKind.Other,
        },
    };

    // The SDK's message is the service's message, then the status, code, body and headers on later lines: keep the first.
    private static string ServiceMessage(RequestFailedException exception)
    {
        var text = exception.Message;
        var newline = text.IndexOfAny(['\r', '\n']);
        var first = (newline < 0 ? text : text[..newline]).Trim();
        return first.Length > 0 ? first : $"Azure Storage answered {exception.Status} {CodeOf(exception)}.";
    }
}
