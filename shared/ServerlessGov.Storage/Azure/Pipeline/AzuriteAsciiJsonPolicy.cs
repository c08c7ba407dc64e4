using System.Buffers;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessGov.Storage.Azure.Pipeline;

/// <summary>
/// For the storage emulator only: rewrites a JSON request body so that every non-ASCII character travels as a JSON
/// <c>\u</c> escape. Azurite 3.37 turns each received piece of a body into text on its own, so a multi-byte UTF-8
/// character split across two pieces would be stored as U+FFFD (docs/STORAGE.md, decision 0010).
/// </summary>
/// <remarks>
/// The rewrite is exact without parsing the JSON: outside string literals a JSON document is ASCII, and inside them
/// <c>\uXXXX</c> (a surrogate pair for characters above U+FFFF) means the same character. Batches are left alone:
/// Azurite reads a batch body whole.
/// </remarks>
internal sealed class AzuriteAsciiJsonPolicy : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The storage adapter is async-only.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var request = message.Request;
        if (request.Content is { } content
            && request.Headers.TryGetValue("Content-Type", out var type)
            && type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            using var body = new MemoryStream();
            await content.WriteToAsync(body, message.CancellationToken).ConfigureAwait(false);
            if (Escape(body.GetBuffer().AsSpan(0, (int)body.Length)) is { } ascii)
            {
                request.Content = RequestContent.Create(ascii);
            }
        }

        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    /// <summary>The body with non-ASCII characters escaped, or null when it is ASCII already.</summary>
    internal static byte[]? Escape(ReadOnlySpan<byte> utf8)
    {
        if (Ascii.IsValid(utf8))
        {
            return null;
        }

        var output = new ArrayBufferWriter<byte>(utf8.Length * 2);
        Span<char> units = stackalloc char[2];
        while (!utf8.IsEmpty)
        {
            var ascii = Ascii.IsValid(utf8) ? utf8.Length : utf8.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            output.Write(utf8[..ascii]);
            utf8 = utf8[ascii..];
            if (utf8.IsEmpty)
            {
                break;
            }

            Rune.DecodeFromUtf8(utf8, out var rune, out var consumed);
            var count = rune.EncodeToUtf16(units);
            for (var i = 0; i < count; i++)
            {
                Encoding.ASCII.GetBytes($"\\u{(int)units[i]:x4}", output);
            }

            utf8 = utf8[consumed..];
        }

        return output.WrittenSpan.ToArray();
    }
}
