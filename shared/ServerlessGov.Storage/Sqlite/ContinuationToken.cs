using System.Buffers.Binary;
using System.Buffers.Text;

namespace ServerlessGov.Storage.Sqlite;

/// <summary>
/// The opaque position a query page ends at: the (partition key, row key) of the last row it read, as the stored
/// key blobs, base64url-encoded with a format byte and the partition key's length.
/// </summary>
internal static class ContinuationToken
{
    private const byte FormatVersion = 1;

    public static string Encode(byte[] partitionKey, byte[] rowKey)
    {
        var bytes = new byte[1 + 4 + partitionKey.Length + rowKey.Length];
        bytes[0] = FormatVersion;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(1), partitionKey.Length);
        partitionKey.CopyTo(bytes, 5);
        rowKey.CopyTo(bytes, 5 + partitionKey.Length);
        return Base64Url.EncodeToString(bytes);
    }

    /// <exception cref="StorageException"><see cref="StorageErrorKind.InvalidInput"/> when the token is not one this adapter issued.</exception>
    public static (byte[] PartitionKey, byte[] RowKey) Decode(string token)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException ex)
        {
            throw Malformed(ex);
        }

        if (bytes.Length < 5 || bytes[0] != FormatVersion)
        {
            throw Malformed(null);
        }

        var partitionLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(1));
        if (partitionLength < 0 || partitionLength > bytes.Length - 5 || partitionLength % 2 != 0 || (bytes.Length - 5 - partitionLength) % 2 != 0)
        {
            throw Malformed(null);
        }

        return (bytes.AsSpan(5, partitionLength).ToArray(), bytes.AsSpan(5 + partitionLength).ToArray());
    }

    private static StorageException Malformed(Exception? inner) =>
        new(StorageErrorKind.InvalidInput, 400, "InvalidInput", "The continuation token is malformed or was not issued by this store.", inner);
}
