using System.Buffers.Binary;

namespace ServerlessGov.Storage.Sqlite;

/// <summary>
/// Stores partition and row keys as UTF-16 big-endian blobs. SQLite compares blobs with memcmp, which on big-endian
/// UTF-16 code units gives exactly .NET's ordinal (UTF-16 code unit) order, the order Azure's JavaScript emulator
/// and <see cref="string.CompareOrdinal(string, string)"/> use. UTF-8 text would sort characters beyond U+FFFF after
/// U+E000–U+FFFF, breaking prefix queries that end in '\uffff'. Lone surrogates survive unchanged.
/// </summary>
internal static class KeyCodec
{
    public static byte[] Encode(string key)
    {
        var bytes = new byte[key.Length * 2];
        for (var i = 0; i < key.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i * 2), key[i]);
        }

        return bytes;
    }

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 2 != 0)
        {
            throw new FormatException("A stored key has an odd number of bytes.");
        }

        return string.Create(bytes.Length / 2, bytes.ToArray(), static (chars, source) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)BinaryPrimitives.ReadUInt16BigEndian(source.AsSpan(i * 2));
            }
        });
    }
}
