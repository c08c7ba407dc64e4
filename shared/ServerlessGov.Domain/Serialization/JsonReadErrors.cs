using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace ServerlessGov.Serialization;

/// <summary>
/// What is wrong with JSON that System.Text.Json could not read, in the words of the data dictionary (a decimal, an
/// integer, a bool, a string, a date, a list): the JSON path of each field and what it must be, found by following the
/// path through the target type's JSON contract; never a .NET type name, never the value sent. One source file,
/// compiled into the domain (policy documents) and into the functions host (request bodies), so both say it alike.
/// </summary>
internal static partial class JsonReadErrors
{
    // System.Text.Json's depth limit when the options leave MaxDepth at 0.
    private const int DefaultMaxDepth = 64;

    /// <summary>Each field the error is about (its path; each missing property's path) and the rule it breaks.</summary>
    /// <param name="exception">What System.Text.Json threw.</param>
    /// <param name="options">The options the JSON was read with (its contract resolver).</param>
    /// <param name="root">The type the whole document was read as; null when unknown.</param>
    public static IReadOnlyList<(string Path, string Rule)> Describe(JsonException exception, JsonSerializerOptions options, Type? root)
    {
        var path = exception.Path is { Length: > 0 } p ? p : "$";
        var message = exception.Message;
        if (MissingPattern().Match(message) is { Success: true } missing)
        {
            return NamePattern().Matches(missing.Groups["names"].Value)
                .Select(name => (path == "$" ? "$." + name.Groups[1].Value : $"{path}.{name.Groups[1].Value}", "is required"))
                .ToList();
        }

        var rule = message switch
        {
            _ when message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) => "must be " + Kind(TypeAt(options, root, path)),
            _ when message.Contains("null values", StringComparison.Ordinal) => "must not be null",
            _ when message.Contains("uplicate", StringComparison.Ordinal) => "this property appears twice in the same object; give it once",
            _ when message.Contains("maximum configured depth", StringComparison.Ordinal) => $"nests deeper than {(options.MaxDepth == 0 ? DefaultMaxDepth : options.MaxDepth)} levels",
            _ => "is not valid JSON: " + ReaderText(message),
        };
        return [(path, rule)];
    }

    /// <summary>The .NET type the contract expects at <paramref name="path"/> (<c>$.items[0].amount</c>); null when it cannot be followed.</summary>
    private static Type? TypeAt(JsonSerializerOptions options, Type? root, string path)
    {
        var type = root;
        foreach (Match step in StepPattern().Matches(path))
        {
            if (type is null || !options.TryGetTypeInfo(type, out var info))
            {
                return null;
            }

            if (step.Groups["index"].Success || info.Kind == JsonTypeInfoKind.Dictionary)
            {
                type = info.ElementType;
                continue;
            }

            var name = step.Groups["name"].Success ? step.Groups["name"].Value : step.Groups["quoted"].Value;
            var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            type = info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, comparison))?.PropertyType;
        }

        return type;
    }

    /// <summary>What a .NET type holds, in the data dictionary's words.</summary>
    private static string Kind(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            null => "a value of the kind the document describes",
            _ when type == typeof(string) => "a string (valid Unicode text)",
            _ when type == typeof(bool) => "a bool (true or false)",
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "a decimal (a number such as 1.5)",
            _ when type.IsPrimitive => "an integer",
            _ when type == typeof(DateOnly) => "a date (yyyy-MM-dd)",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "an instant (ISO 8601, e.g. 2026-03-01T08:00:00Z)",
            _ when type == typeof(TimeSpan) => "a duration (hh:mm:ss)",
            _ when type == typeof(Guid) => "a GUID",
            _ when type == typeof(Uri) => "an absolute URL",
            _ when type.IsEnum => "one of: " + string.Join(", ", Enum.GetNames(type)),
            _ when type.IsAssignableTo(typeof(System.Collections.IEnumerable)) => "a list",
            _ => "an object",
        };
    }

    /// <summary>The reader's own sentence without its position suffix, which the path already gives.</summary>
    private static string ReaderText(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal) is >= 0 and var p ? p : message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = end >= 0 ? message[..end] : message;
        return text.Contains("System.", StringComparison.Ordinal) ? "the value cannot be read here" : text;
    }

    [GeneratedRegex(@"missing required properties including: (?<names>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex MissingPattern();

    [GeneratedRegex("'([^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    // One step of a JSON path: .name, ['quoted name'] or [index].
    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex StepPattern();
}
