using System.Text.Json;
using System.Xml.Linq;
using Azure.Core;
using Response = global::Azure.Response;

namespace ServerlessGov.Storage.Azure.Http;

/// <summary>Turns an Azure Storage error response (table JSON or queue XML) into the port's <see cref="StorageException"/>.</summary>
internal static class StorageErrors
{
    public static StorageException FromResponse(Response response, int attempts = 1)
    {
        var (code, message) = ReadBody(response);
        if (response.Headers.TryGetValue("x-ms-error-code", out var headerCode) && !string.IsNullOrEmpty(headerCode))
        {
            code ??= headerCode;
        }

        code ??= response.ReasonPhrase is { Length: > 0 } reason ? reason.Replace(" ", string.Empty, StringComparison.Ordinal) : $"Http{response.Status}";
        message ??= $"Azure Storage answered {response.Status} {response.ReasonPhrase}.";
        if (attempts > 1)
        {
            message += $" (after {attempts} attempts; for a write, an earlier attempt may have been applied before its response was lost)";
        }

        return Create(response.Status, code, message);
    }

    public static StorageException Create(int status, string code, string message, int? failedIndex = null) =>
        new(Classify(status, code), status, code, message) { FailedIndex = failedIndex };

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

    /// <summary>Reads the code and message from a table error body (<c>{"odata.error":{"code":…,"message":{"value":…}}}</c>) or a queue one (<c>&lt;Error&gt;&lt;Code&gt;…</c>).</summary>
    public static (string? Code, string? Message) ReadBody(BinaryData? body)
    {
        if (body is null || body.ToMemory().Length == 0)
        {
            return (null, null);
        }

        var span = body.ToMemory().Span;
        var first = span.TrimStart(" \r\n\t\uFEFF"u8);
        try
        {
            if (first.Length > 0 && first[0] == (byte)'{')
            {
                using var document = JsonDocument.Parse(body.ToMemory());
                if (document.RootElement.TryGetProperty("odata.error", out var error)
                    || document.RootElement.TryGetProperty("error", out error))
                {
                    var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                    string? message = null;
                    if (error.TryGetProperty("message", out var m))
                    {
                        message = m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString();
                    }

                    return (code, message);
                }
            }
            else if (first.Length > 0 && first[0] == (byte)'<')
            {
                var root = XDocument.Parse(body.ToString()).Root;
                return (root?.Element("Code")?.Value, root?.Element("Message")?.Value);
            }
        }
        catch (JsonException)
        {
        }
        catch (System.Xml.XmlException)
        {
        }

        return (null, null);
    }

    private static (string? Code, string? Message) ReadBody(Response response) =>
        ReadBody(response.ContentStream is null ? null : response.Content);
}
