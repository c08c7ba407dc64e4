using System.IO.Compression;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Durable.Engine;

/// <summary>
/// Stores a byte payload deflated across binary properties <c>D0…Dn</c> of one entity (each under the 64 KiB
/// property limit), so one episode's events or outbox always fit one row and one batch operation.
/// </summary>
internal static class BlobCodec
{
    private const int ChunkBytes = 60 * 1024;
    private const int MaxChunks = 15;

    /// <summary>Writes the payload into the entity.</summary>
    /// <exception cref="InvalidOperationException">Even compressed, the payload is over ~900 KiB.</exception>
    public static void Write(TableEntity entity, ReadOnlySpan<byte> payload)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(payload);
        }

        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var chunks = (bytes.Length + ChunkBytes - 1) / ChunkBytes;
        if (chunks > MaxChunks)
        {
            throw new InvalidOperationException($"A payload of {bytes.Length} compressed bytes does not fit one row ({MaxChunks * ChunkBytes} bytes).");
        }

        for (var i = 0; i < Math.Max(chunks, 1); i++)
        {
            var start = i * ChunkBytes;
            entity[$"D{i}"] = bytes.Slice(start, Math.Min(ChunkBytes, bytes.Length - start)).ToArray();
        }
    }

    /// <summary>Reads the payload back.</summary>
    public static byte[] Read(TableEntity entity)
    {
        using var compressed = new MemoryStream();
        for (var i = 0; entity.GetBinary($"D{i}") is { } chunk; i++)
        {
            compressed.Write(chunk);
        }

        compressed.Position = 0;
        using var deflate = new DeflateStream(compressed, CompressionMode.Decompress);
        using var output = new MemoryStream();
        deflate.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Writes text inline when short, or deflated into <c>&lt;name&gt;Z</c> when long.</summary>
    public static void WriteText(TableEntity entity, string name, string? text)
    {
        entity[name] = null;
        entity[name + "Z"] = null;
        if (text is null)
        {
            return;
        }

        if (text.Length <= 16 * 1024)
        {
            entity[name] = text;
            return;
        }

        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }

        entity[name + "Z"] = buffer.ToArray();
    }

    /// <summary>Reads text written by <see cref="WriteText"/>.</summary>
    public static string? ReadText(TableEntity entity, string name)
    {
        if (entity.GetString(name) is { } inline)
        {
            return inline;
        }

        if (entity.GetBinary(name + "Z") is not { } compressed)
        {
            return null;
        }

        using var input = new MemoryStream(compressed);
        using var deflate = new DeflateStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(deflate, System.Text.Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
