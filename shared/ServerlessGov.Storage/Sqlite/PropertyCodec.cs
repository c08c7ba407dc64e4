using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage.Sqlite;

/// <summary>
/// Serializes an entity's custom properties into one compact, typed blob: a format byte, then per property its
/// ASCII name (length byte), a type byte and the value (little-endian fixed-size numbers, instants as UTC ticks,
/// binaries length-prefixed). Strings are written as UTF-8, half the bytes of UTF-16 for the JSON and ids most
/// properties hold; a string UTF-8 cannot carry (a lone surrogate) is written as raw UTF-16, so any .NET string
/// round-trips exactly. Rows written before UTF-8 strings existed hold only the UTF-16 kind and read as before.
/// </summary>
internal static class PropertyCodec
{
    private const byte FormatVersion = 1;

    private enum Kind : byte
    {
        /// <summary>A string as raw UTF-16 (little-endian code units), length in code units.</summary>
        String = 1,
        Int32 = 2,
        Int64 = 3,
        Double = 4,
        Boolean = 5,
        DateTimeOffset = 6,
        Guid = 7,
        Binary = 8,

        /// <summary>A string as UTF-8, length in bytes.</summary>
        Utf8String = 9,
    }

    public static byte[] Encode(IEnumerable<KeyValuePair<string, object>> properties)
    {
        var size = 1;
        foreach (var (name, value) in properties)
        {
            size += 2 + name.Length + value switch
            {
                string s => 4 + (s.Length * 3),
                byte[] b => 4 + b.Length,
                int => 4,
                bool => 1,
                Guid => 16,
                _ => 8,
            };
        }

        // The size above is an upper bound (a string's UTF-8 takes at most three bytes a UTF-16 unit): write into a
        // pooled buffer and return the exact bytes.
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            buffer[0] = FormatVersion;
            var span = buffer.AsSpan(1, size - 1);
            foreach (var (name, value) in properties)
            {
                span[0] = (byte)name.Length;
                for (var i = 0; i < name.Length; i++)
                {
                    span[1 + i] = (byte)name[i];
                }

                span = span[(1 + name.Length)..];
                span = Write(span, value);
            }

            return buffer.AsSpan(0, size - span.Length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static void Decode(ReadOnlySpan<byte> data, TableEntity into)
    {
        if (data.Length == 0 || data[0] != FormatVersion)
        {
            throw new FormatException("Stored entity properties are in an unknown format.");
        }

        data = data[1..];
        while (!data.IsEmpty)
        {
            int nameLength = data[0];
            var name = string.Create(nameLength, data.Slice(1, nameLength).ToArray(), static (chars, ascii) =>
            {
                for (var i = 0; i < chars.Length; i++)
                {
                    chars[i] = (char)ascii[i];
                }
            });
            data = data[(1 + nameLength)..];
            var kind = (Kind)data[0];
            data = data[1..];
            object value;
            switch (kind)
            {
                case Kind.String:
                    {
                        var length = BinaryPrimitives.ReadInt32LittleEndian(data);
                        value = new string(MemoryMarshal.Cast<byte, char>(data.Slice(4, length * 2)));
                        data = data[(4 + (length * 2))..];
                        break;
                    }

                case Kind.Utf8String:
                    {
                        var length = BinaryPrimitives.ReadInt32LittleEndian(data);
                        value = Encoding.UTF8.GetString(data.Slice(4, length));
                        data = data[(4 + length)..];
                        break;
                    }

                case Kind.Binary:
                    {
                        var length = BinaryPrimitives.ReadInt32LittleEndian(data);
                        value = data.Slice(4, length).ToArray();
                        data = data[(4 + length)..];
                        break;
                    }

                case Kind.Int32:
                    value = BinaryPrimitives.ReadInt32LittleEndian(data);
                    data = data[4..];
                    break;
                case Kind.Int64:
                    value = BinaryPrimitives.ReadInt64LittleEndian(data);
                    data = data[8..];
                    break;
                case Kind.Double:
                    value = BinaryPrimitives.ReadDoubleLittleEndian(data);
                    data = data[8..];
                    break;
                case Kind.Boolean:
                    value = data[0] != 0;
                    data = data[1..];
                    break;
                case Kind.DateTimeOffset:
                    value = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(data), TimeSpan.Zero);
                    data = data[8..];
                    break;
                case Kind.Guid:
                    value = new Guid(data[..16]);
                    data = data[16..];
                    break;
                default:
                    throw new FormatException($"Stored property '{name}' has an unknown type {(byte)kind}.");
            }

            into[name] = value;
        }
    }

    private static Span<byte> Write(Span<byte> span, object value)
    {
        switch (value)
        {
            case string s:
                if (Utf8.FromUtf16(s, span[5..], out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
                {
                    span[0] = (byte)Kind.Utf8String;
                    BinaryPrimitives.WriteInt32LittleEndian(span[1..], written);
                    return span[(5 + written)..];
                }

                span[0] = (byte)Kind.String;
                BinaryPrimitives.WriteInt32LittleEndian(span[1..], s.Length);
                MemoryMarshal.AsBytes(s.AsSpan()).CopyTo(span[5..]);
                return span[(5 + (s.Length * 2))..];
            case byte[] b:
                span[0] = (byte)Kind.Binary;
                BinaryPrimitives.WriteInt32LittleEndian(span[1..], b.Length);
                b.CopyTo(span[5..]);
                return span[(5 + b.Length)..];
            case int i:
                span[0] = (byte)Kind.Int32;
                BinaryPrimitives.WriteInt32LittleEndian(span[1..], i);
                return span[5..];
            case long l:
                span[0] = (byte)Kind.Int64;
                BinaryPrimitives.WriteInt64LittleEndian(span[1..], l);
                return span[9..];
            case double d:
                span[0] = (byte)Kind.Double;
                BinaryPrimitives.WriteDoubleLittleEndian(span[1..], d);
                return span[9..];
            case bool flag:
                span[0] = (byte)Kind.Boolean;
                span[1] = flag ? (byte)1 : (byte)0;
                return span[2..];
            case DateTimeOffset instant:
                span[0] = (byte)Kind.DateTimeOffset;
                BinaryPrimitives.WriteInt64LittleEndian(span[1..], instant.UtcTicks);
                return span[9..];
            case Guid guid:
                span[0] = (byte)Kind.Guid;
                guid.TryWriteBytes(span[1..17]);
                return span[17..];
            default:
                throw new ArgumentException($"Unsupported property type {value.GetType().Name}.", nameof(value));
        }
    }
}
