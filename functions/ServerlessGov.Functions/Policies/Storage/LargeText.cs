using System.Text;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.Policies.Storage;

/// <summary>Stores text longer than one table property (64 KiB) as consecutive UTF-8 chunks of one entity.</summary>
internal static class LargeText
{
    /// <summary>The most chunks one text may take.</summary>
    public const int MaxChunks = 4;

    /// <summary>The largest text, in UTF-8 bytes, that fits.</summary>
    public const int MaxBytes = MaxChunks * TableRules.MaxPropertyBytes;

    /// <exception cref="ArgumentException">The text is over <see cref="MaxBytes"/> bytes.</exception>
    public static void Write(TableEntity entity, string name, string? text)
    {
        if (text is null)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var chunks = Math.Max(1, (bytes.Length + TableRules.MaxPropertyBytes - 1) / TableRules.MaxPropertyBytes);
        if (chunks > MaxChunks)
        {
            throw new ArgumentException($"{name} is {bytes.Length} bytes; at most {MaxBytes} are kept.", nameof(text));
        }

        entity[name + "Chunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            var start = i * TableRules.MaxPropertyBytes;
            entity[$"{name}{i}"] = bytes.AsSpan(start, Math.Min(TableRules.MaxPropertyBytes, bytes.Length - start)).ToArray();
        }
    }

    public static string? Read(TableEntity entity, string name)
    {
        if (entity.GetInt32(name + "Chunks") is not { } chunks)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        for (var i = 0; i < chunks; i++)
        {
            buffer.Write(entity.GetBinary($"{name}{i}") ?? []);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
