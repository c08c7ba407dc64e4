using System.Text;
using ServerlessGov.Storage.Azure.Http;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage.Azure.Tables;

/// <summary>
/// An entity group transaction on the wire: a multipart/mixed batch holding one changeset of HTTP requests, and the
/// reading of the multipart response (all succeeded, or one failed and its message starts with its index).
/// </summary>
internal static class TableBatch
{
    public static (byte[] Body, string ContentType) Build(TableAddresses addresses, IReadOnlyList<TableTransactionAction> actions)
    {
        var batch = $"batch_{Guid.NewGuid():D}";
        var changeset = $"changeset_{Guid.NewGuid():D}";
        using var stream = new MemoryStream();
        void Write(string text) => stream.Write(Encoding.UTF8.GetBytes(text));

        Write($"--{batch}\r\nContent-Type: multipart/mixed; boundary={changeset}\r\n\r\n");
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var (method, url, ifMatch, body) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", addresses.Table(), (string?)null, EntityJson.Write(action.Entity)),
                TableTransactionActionType.UpdateMerge => ("MERGE", addresses.Entity(action.Entity), (action.IfMatch ?? ETag.All).Value, EntityJson.Write(action.Entity)),
                TableTransactionActionType.UpdateReplace => ("PUT", addresses.Entity(action.Entity), (action.IfMatch ?? ETag.All).Value, EntityJson.Write(action.Entity)),
                TableTransactionActionType.UpsertMerge => ("MERGE", addresses.Entity(action.Entity), null, EntityJson.Write(action.Entity)),
                TableTransactionActionType.UpsertReplace => ("PUT", addresses.Entity(action.Entity), null, EntityJson.Write(action.Entity)),
                TableTransactionActionType.Delete => ("DELETE", addresses.Entity(action.Entity), (action.IfMatch ?? ETag.All).Value, null),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, "Unknown batch action."),
            };

            Write($"--{changeset}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            Write($"{method} {url} HTTP/1.1\r\n");
            Write($"Accept: {TableHeaders.Accept}\r\nDataServiceVersion: 3.0\r\nContent-ID: {i + 1}\r\n");
            if (ifMatch is not null)
            {
                Write($"If-Match: {ifMatch}\r\n");
            }

            if (body is null)
            {
                Write("\r\n");
            }
            else
            {
                Write($"Prefer: return-no-content\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
                stream.Write(body);
                Write("\r\n");
            }
        }

        Write($"--{changeset}--\r\n\r\n--{batch}--\r\n");
        return (stream.ToArray(), $"multipart/mixed; boundary={batch}");
    }

    /// <summary>Reads the operations' responses; returns their ETags, or throws the first failure with its index.</summary>
    /// <exception cref="StorageException">An operation failed; nothing was applied.</exception>
    public static IReadOnlyList<ETag?> ParseResponse(string body, IReadOnlyList<TableTransactionAction> actions)
    {
        var etags = new List<ETag?>();
        foreach (var part in Responses(body))
        {
            if (part.Status >= 400)
            {
                var (code, message) = StorageErrors.ReadBody(BinaryData.FromString(part.Body));
                code ??= $"Http{part.Status}";
                message ??= $"A batch operation failed with {part.Status}.";
                var index = FailedIndex(message) ?? (actions.Count == 1 ? 0 : null);
                throw StorageErrors.Create(part.Status, code, message, index);
            }

            part.Headers.TryGetValue("ETag", out var etag);
            etags.Add(string.IsNullOrEmpty(etag) ? null : new ETag(etag));
        }

        if (etags.Count != actions.Count)
        {
            throw new StorageException(StorageErrorKind.Other, 500, "InvalidBatchResponse",
                $"The batch response held {etags.Count} results for {actions.Count} operations.");
        }

        for (var i = 0; i < actions.Count; i++)
        {
            if (actions[i].ActionType == TableTransactionActionType.Delete)
            {
                etags[i] = null;
            }
        }

        return etags;
    }

    private static int? FailedIndex(string message)
    {
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && int.TryParse(message.AsSpan(0, colon), out var index) ? index : null;
    }

    private static IEnumerable<(int Status, Dictionary<string, string> Headers, string Body)> Responses(string body)
    {
        var position = 0;
        while ((position = body.IndexOf("HTTP/1.1 ", position, StringComparison.Ordinal)) >= 0)
        {
            var lineEnd = body.IndexOf("\r\n", position, StringComparison.Ordinal);
            var statusText = body.Substring(position + 9, 3);
            var status = int.Parse(statusText, System.Globalization.CultureInfo.InvariantCulture);
            var headersEnd = body.IndexOf("\r\n\r\n", lineEnd, StringComparison.Ordinal);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in body[(lineEnd + 2)..headersEnd].Split("\r\n"))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
            }

            var bodyStart = headersEnd + 4;
            var bodyEnd = body.IndexOf("\r\n--", bodyStart, StringComparison.Ordinal);
            if (bodyEnd < 0)
            {
                bodyEnd = body.Length;
            }

            yield return (status, headers, body[bodyStart..bodyEnd]);
            position = bodyEnd;
        }
    }
}
