using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ServerlessGov.Domain.Policies;

namespace ServerlessGov.Functions.Policies;

/// <summary>
/// The few edits the lifecycle makes to a policy document's JSON (the server assigns the version; publish may set the
/// effective window) and the conversion of the domain's validation errors into structured problems.
/// </summary>
internal static partial class PolicyJson
{
    private static readonly JsonSerializerOptions Output = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonDocumentOptions Input = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false };

    /// <summary>Parses a document that must be a JSON object with a well-formed id.</summary>
    /// <exception cref="PolicyValidationException">The text is not a JSON object or has no valid id.</exception>
    public static JsonObject ParseObject(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: Input);
        }
        catch (JsonException ex)
        {
            throw new PolicyValidationException([new PolicyValidationError(ex.Path ?? "$", $"not valid JSON: {ex.Message}")]);
        }

        if (node is not JsonObject document)
        {
            throw new PolicyValidationException([new PolicyValidationError("$", "a policy document is a JSON object")]);
        }

        var id = document["id"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        if (id is null || !PolicyIdPattern().IsMatch(id))
        {
            throw new PolicyValidationException([new PolicyValidationError("$.id", "an id is 3-64 lowercase letters, digits and '-'")]);
        }

        return document;
    }

    /// <summary>The document's id (call after <see cref="ParseObject"/>).</summary>
    public static string IdOf(JsonObject document) => document["id"]!.GetValue<string>();

    /// <summary>True when <paramref name="policyId"/> is a well-formed policy id.</summary>
    public static bool IsPolicyId(string policyId) => PolicyIdPattern().IsMatch(policyId);

    /// <summary>The document text with its version set, as the server assigns versions.</summary>
    public static string WithVersion(JsonObject document, int version)
    {
        document["version"] = version;
        return document.ToJsonString(Output);
    }

    /// <summary>Sets the effective window, when the publish request names one.</summary>
    public static void SetEffective(JsonObject document, DateOnly? from, DateOnly? until)
    {
        if (from is null && until is null)
        {
            return;
        }

        var effective = document["effective"] as JsonObject ?? [];
        document["effective"] = effective;
        if (from is { } start)
        {
            effective["from"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (until is { } end)
        {
            effective["until"] = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A stored document as a JSON value for responses.</summary>
    public static JsonElement ToElement(string json)
    {
        using var document = JsonDocument.Parse(json, Input);
        return document.RootElement.Clone();
    }

    /// <summary>Splits the domain's "path (line L, column C)" and "message [code]" into fields.</summary>
    public static PolicyProblem ToProblem(PolicyValidationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var path = error.Path;
        int? line = null, column = null;
        var position = PositionPattern().Match(path);
        if (position.Success)
        {
            line = int.Parse(position.Groups["line"].Value, CultureInfo.InvariantCulture);
            column = int.Parse(position.Groups["column"].Value, CultureInfo.InvariantCulture);
            path = path[..position.Index];
        }

        var message = error.Message;
        string? code = null;
        var coded = CodePattern().Match(message);
        if (coded.Success)
        {
            code = coded.Groups["code"].Value;
            message = message[..coded.Index];
        }

        int? endLine = null, endColumn = null;
        if (error.End is not null && EndPattern().Match(error.End) is { Success: true } end)
        {
            endLine = int.Parse(end.Groups["line"].Value, CultureInfo.InvariantCulture);
            endColumn = int.Parse(end.Groups["column"].Value, CultureInfo.InvariantCulture);
        }

        return new PolicyProblem(path, line, column, code, message, endLine, endColumn);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyIdPattern();

    [GeneratedRegex(@" \(line (?<line>\d+), column (?<column>\d+)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex PositionPattern();

    [GeneratedRegex(@"^line (?<line>\d+), column (?<column>\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex EndPattern();

    [GeneratedRegex(@" \[(?<code>[a-z_]+)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
