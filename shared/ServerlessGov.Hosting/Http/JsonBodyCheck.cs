using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ServerlessGov.Hosting.Http;

/// <summary>
/// The checks every JSON request body passes before any function reads it, whatever reader that function uses
/// (typed binding, a document, a node tree): no property twice in one object, and no string or property name that is
/// half of a UTF-16 surrogate pair (JSON can escape one; no reader can turn it into text, and a writer throws on it).
/// Syntax errors are left to the function's own reader, which can say more about what it expected.
/// </summary>
internal static class JsonBodyCheck
{
    private const string LoneSurrogate = "must be valid Unicode text; this one holds half of a surrogate pair (an escaped \\ud800-\\udfff standing alone)";

    /// <summary>True for <c>application/json</c>, <c>text/json</c> and any <c>…+json</c> media type.</summary>
    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the body (within the server's body size limit), checks it, and leaves it to be read again from the start.</summary>
    /// <exception cref="RequestValidationException">A property appears twice, or a string is not valid Unicode text.</exception>
    /// <exception cref="BadHttpRequestException">The body is larger than the server accepts (413).</exception>
    public static async Task CheckAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        request.Body.Position = 0;
        if (FindProblem(copy.GetBuffer().AsSpan(0, (int)copy.Length)) is { } problem)
        {
            throw new RequestValidationException(problem.Path, problem.Rule);
        }
    }

    /// <summary>The first problem in <paramref name="json"/>, with its JSON path; null when there is none or the text is not JSON at all.</summary>
    public static (string Path, string Rule)? FindProblem(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var frames = new Stack<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        frames.Push(new Frame(ValuePath(frames), reader.TokenType == JsonTokenType.StartObject));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.Pop();
                        ValueDone(frames);
                        break;
                    case JsonTokenType.PropertyName:
                        var frame = frames.Peek();
                        if (!TryGetString(ref reader, out var name))
                        {
                            return (frame.Path, "a property name " + LoneSurrogate);
                        }

                        frame.Property = name;
                        if (!frame.Names!.Add(name))
                        {
                            return (ValuePath(frames), "this property appears twice in the same object; give it once");
                        }

                        break;
                    case JsonTokenType.String when reader.ValueIsEscaped && !TryGetString(ref reader, out _):
                        return (ValuePath(frames), "a string " + LoneSurrogate);
                    default:
                        ValueDone(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    private static bool TryGetString(ref Utf8JsonReader reader, out string value)
    {
        try
        {
            value = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            value = string.Empty;
            return false;
        }
    }

    private static string ValuePath(Stack<Frame> frames)
    {
        if (!frames.TryPeek(out var frame))
        {
            return "$";
        }

        if (frame.Names is null)
        {
            return $"{frame.Path}[{frame.Index}]";
        }

        var name = frame.Property ?? string.Empty;
        return name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $"{frame.Path}.{name}" : $"{frame.Path}['{name}']";
    }

    private static void ValueDone(Stack<Frame> frames)
    {
        if (frames.TryPeek(out var frame) && frame.Names is null)
        {
            frame.Index++;
        }
    }

    /// <summary>An object or array being read: where it is, and the names seen (objects) or the next index (arrays).</summary>
    private sealed class Frame(string path, bool isObject)
    {
        public string Path { get; } = path;

        public HashSet<string>? Names { get; } = isObject ? new(StringComparer.Ordinal) : null;

        public string? Property { get; set; }

        public int Index { get; set; }
    }
}
