using System.Globalization;
using System.Text.Json;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Rules;

namespace ServerlessGov.Functions.Subjects.Registry;

/// <summary>Reads and writes fact values in the forms records and the store use, checked against the fact's declared type.</summary>
public static class FactValues
{
    /// <summary>The separator of a set's members in the text (CSV) form.</summary>
    public const char SetSeparator = ';';

    /// <summary>Reads a JSON value of <paramref name="fact"/>'s type; false with the broken rule otherwise.</summary>
    public static bool TryRead(FactDefinition fact, JsonElement value, out RuleValue result, out string rule)
    {
        ArgumentNullException.ThrowIfNull(fact);
        result = default;
        switch (fact.Type)
        {
            case FactType.Bool when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                result = RuleValue.Bool(value.GetBoolean());
                break;
            case FactType.Integer or FactType.Decimal when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number):
                return Number(fact, number, out result, out rule);
            case FactType.Set when value.ValueKind == JsonValueKind.Array:
                var members = new List<string>();
                foreach (var member in value.EnumerateArray())
                {
                    if (member.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(member.GetString()))
                    {
                        rule = "must be a list of non-empty texts";
                        return false;
                    }

                    members.Add(member.GetString()!);
                }

                result = RuleValue.Set(members);
                break;
            case FactType.Date or FactType.Enum or FactType.String when value.ValueKind == JsonValueKind.String:
                return TryParse(fact, value.GetString()!, out result, out rule);
            default:
                rule = Expected(fact);
                return false;
        }

        rule = string.Empty;
        return true;
    }

    /// <summary>Reads the text form of a value (CSV): <c>true</c>/<c>false</c>, <c>12.50</c>, <c>2026-03-15</c>, <c>a;b</c> for a set.</summary>
    public static bool TryParse(FactDefinition fact, string text, out RuleValue result, out string rule)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(text);
        result = default;
        switch (fact.Type)
        {
            case FactType.Bool when bool.TryParse(text, out var flag):
                result = RuleValue.Bool(flag);
                break;
            case FactType.Integer or FactType.Decimal when decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number):
                return Number(fact, number, out result, out rule);
            case FactType.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                result = RuleValue.Date(date);
                break;
            case FactType.Enum when fact.EnumValues.Contains(text):
                result = RuleValue.Text(text);
                break;
            case FactType.Enum:
                rule = "must be one of: " + string.Join(", ", fact.EnumValues.Order(StringComparer.Ordinal));
                return false;
            case FactType.String when text.Length is > 0 and <= 256:
                result = RuleValue.Text(text);
                break;
            case FactType.Set:
                var members = text.Split(SetSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                result = RuleValue.Set(members);
                break;
            default:
                rule = Expected(fact);
                return false;
        }

        rule = string.Empty;
        return true;
    }

    /// <summary>Writes a value in the JSON form <see cref="TryRead"/> reads.</summary>
    public static void Write(Utf8JsonWriter writer, RuleValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value.Kind)
        {
            case ValueKind.Bool:
                writer.WriteBooleanValue(value.AsBool);
                break;
            case ValueKind.Number:
                writer.WriteNumberValue(value.AsNumber);
                break;
            case ValueKind.Date:
                writer.WriteStringValue(value.AsDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case ValueKind.Text:
                writer.WriteStringValue(value.AsText);
                break;
            case ValueKind.Set:
                writer.WriteStartArray();
                foreach (var member in value.AsSet.Order(StringComparer.Ordinal))
                {
                    writer.WriteStringValue(member);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static bool Number(FactDefinition fact, decimal number, out RuleValue result, out string rule)
    {
        if (fact.Type == FactType.Integer && decimal.Truncate(number) != number)
        {
            result = default;
            rule = "must be a whole number";
            return false;
        }

        result = RuleValue.Number(number);
        rule = string.Empty;
        return true;
    }

    private static string Expected(FactDefinition fact) => fact.Type switch
    {
        FactType.Bool => "must be true or false",
        FactType.Integer => "must be a whole number",
        FactType.Decimal => "must be a number",
        FactType.Date => "must be a date written yyyy-MM-dd",
        FactType.Enum => "must be one of: " + string.Join(", ", fact.EnumValues.Order(StringComparer.Ordinal)),
        FactType.String => "must be a text of 1-256 characters",
        _ => "must be a list of texts",
    };
}
