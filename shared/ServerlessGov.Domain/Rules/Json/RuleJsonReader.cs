using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ServerlessGov.Domain.Rules.Syntax;

namespace ServerlessGov.Domain.Rules.Json;

/// <summary>
/// Reads the JSON form of a rule: each operator is an object with one key (<c>{"all": [...]}</c>, <c>{"&gt;=": [a, b]}</c>,
/// <c>{"fact": "birth_date"}</c>); bare JSON numbers, strings and booleans are literals. Errors carry the JSON path.
/// It stops at <see cref="RuleLimits.MaxDepth"/> levels and checks the tree it builds against <see cref="RuleLimits"/>.
/// </summary>
public static class RuleJsonReader
{
    /// <summary>Parses a JSON text.</summary>
    /// <exception cref="RuleException">Malformed JSON or an unknown operator, with its JSON path.</exception>
    public static RuleNode Parse(string json, string rootPath = "$")
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement, rootPath);
        }
        catch (JsonException ex)
        {
            throw new RuleException(new RuleError(rootPath, "syntax", $"not valid JSON: {ex.Message}"));
        }
    }

    /// <summary>Reads a rule from a JSON element (e.g. the <c>rule</c> property of a policy).</summary>
    /// <exception cref="RuleException">An unknown operator or malformed operand, with its JSON path, or a rule beyond <see cref="RuleLimits"/>.</exception>
    public static RuleNode Read(JsonElement element, string path)
    {
        var node = Read(element, path, depth: 1);
        RuleLimits.Enforce(node);
        return node;
    }

    private static RuleNode Read(JsonElement element, string path, int depth)
    {
        if (depth > RuleLimits.MaxDepth)
        {
            throw new RuleException(RuleLimits.TooDeep(path));
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False:
                return new LiteralNode(RuleValue.Bool(element.GetBoolean())) { Location = path };
            case JsonValueKind.Number:
                return element.TryGetDecimal(out var number)
                    ? new LiteralNode(RuleValue.Number(number)) { Location = path }
                    : throw Error(path, "a number must lie within ±79,228,162,514,264,337,593,543,950,335 with at most 28 decimals");
            case JsonValueKind.String:
                return new LiteralNode(RuleValue.Text(Text(element, path))) { Location = path };
            case JsonValueKind.Object:
                break;
            default:
                throw Error(path, $"expected an operator object, a number, a string or a boolean, not {element.ValueKind}");
        }

        var properties = element.EnumerateObject().ToList();
        if (properties.Count != 1)
        {
            throw Error(path, "an operator object has exactly one key, e.g. {\"all\": [...]}");
        }

        var key = properties[0].Name;
        var value = properties[0].Value;
        var inner = key.All(c => char.IsAsciiLetter(c) || c == '_') ? $"{path}.{key}" : $"{path}['{key}']";
        switch (key)
        {
            case "all":
                return new AllNode(Many(value, inner, depth, minimum: 1)) { Location = path };
            case "any":
                return new AnyNode(Many(value, inner, depth, minimum: 1)) { Location = path };
            case "not":
                return new NotNode(Read(value, inner, depth + 1)) { Location = path };
            case "in":
                var pair = Many(value, inner, depth, minimum: 2, maximum: 2);
                return new InNode(pair[0], pair[1]) { Location = path };
            case "exists":
                return new ExistsNode(Name(value, inner)) { Location = path };
            case "fact":
                return new FactNode(Name(value, inner)) { Location = path };
            case "param":
                return new ParameterNode(Name(value, inner)) { Location = path };
            case "ref":
                return FunctionNames.TryParse(Name(value, inner), out DateReference reference)
                    ? new DateReferenceNode(reference) { Location = path }
                    : throw Error(inner, "a reference is one of period_start, period_end, today");
            case "date":
                return DateOnly.TryParseExact(value.ValueKind == JsonValueKind.String ? Text(value, inner) : null, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? new LiteralNode(RuleValue.Date(date)) { Location = path }
                    : throw Error(inner, "a date is a string yyyy-MM-dd");
            case "list":
                return new ListNode(Many(value, inner, depth, minimum: 0)) { Location = path };
        }

        if (FunctionNames.TryParse(key, out CompareOperator compare))
        {
            var operands = Many(value, inner, depth, minimum: 2, maximum: 2);
            return new CompareNode(compare, operands[0], operands[1]) { Location = path };
        }

        if (FunctionNames.TryParse(key, out ArithmeticOperator arithmetic))
        {
            var operands = Many(value, inner, depth, minimum: 2, maximum: 2);
            return new ArithmeticNode(arithmetic, operands[0], operands[1]) { Location = path };
        }

        if (FunctionNames.TryParse(key, out RuleFunction function))
        {
            return new CallNode(function, Many(value, inner, depth, minimum: 0)) { Location = path };
        }

        string[] known = ["all", "any", "not", "in", "exists", "fact", "param", "ref", "date", "list", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "age_on", "years_between", "months_between", "min", "max"];
        throw Error(path, $"unknown operator '{key}'{NameSuggestions.Hint(key, known)}");
    }

    private static ImmutableArray<RuleNode> Many(JsonElement value, string path, int depth, int minimum, int maximum = int.MaxValue)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, "expected an array of operands");
        }

        var length = value.GetArrayLength();
        if (length < minimum || length > maximum)
        {
            throw Error(path, maximum == minimum ? $"expected exactly {minimum} operands" : $"expected at least {minimum} operands");
        }

        var builder = ImmutableArray.CreateBuilder<RuleNode>(length);
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            builder.Add(Read(item, $"{path}[{i++}]", depth + 1));
        }

        return builder.MoveToImmutable();
    }

    private static string Name(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String && Text(value, path) is { } name && !string.IsNullOrWhiteSpace(name)
            ? name
            : throw Error(path, "expected a name in a string");

    /// <summary>A string's text; JSON may escape half of a UTF-16 surrogate pair, which is no text at all.</summary>
    /// <exception cref="RuleException">The string holds a lone surrogate.</exception>
    internal static string Text(JsonElement value, string path)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Error(path, "a text must be valid Unicode; this one holds half of a surrogate pair (\\ud800-\\udfff alone)");
        }
    }

    private static RuleException Error(string path, string message) => new(new RuleError(path, "syntax", message));
}
