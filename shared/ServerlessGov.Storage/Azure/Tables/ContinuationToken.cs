using System.Buffers.Text;
using System.Text;

namespace ServerlessGov.Storage.Azure.Tables;

/// <summary>
/// Packs the service's <c>x-ms-continuation-NextPartitionKey</c> / <c>NextRowKey</c> pair (the row key may be
/// absent) into the port's single opaque token, and back.
/// </summary>
internal static class ContinuationToken
{
    private const string Prefix = "az1.";

    public static string? FromHeaders(string? nextPartitionKey, string? nextRowKey)
    {
        if (string.IsNullOrEmpty(nextPartitionKey))
        {
            return null;
        }

        var payload = Encoding.UTF8.GetBytes($"{nextPartitionKey}\n{nextRowKey}");
        return Prefix + Base64Url.EncodeToString(payload);
    }

    /// <exception cref="StorageException"><see cref="StorageErrorKind.InvalidInput"/> for a token this adapter did not issue.</exception>
    public static (string NextPartitionKey, string? NextRowKey) Parse(string token)
    {
        if (token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            try
            {
                var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.AsSpan(Prefix.Length)));
                var newline = text.IndexOf('\n', StringComparison.Ordinal);
                if (newline > 0)
                {
                    var rowKey = text[(newline + 1)..];
                    return (text[..newline], rowKey.Length == 0 ? null : rowKey);
                }
            }
            catch (FormatException)
            {
            }
        }

        throw new StorageException(StorageErrorKind.InvalidInput, 400, "InvalidContinuationToken",
            "The continuation token is malformed: pass back a token this store returned.");
    }
}
