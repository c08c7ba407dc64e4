using System.Text.Json;
using ServerlessGov.Functions.Subjects.Registry;

namespace ServerlessGov.Functions.Subjects.Import;

/// <summary>
/// Reads one NDJSON record, one subject with its facts:
/// <c>{"kind":"resident","id":"…","facts":[{"fact":"birth_date","source":"hukou","asOf":"2026-02-28T00:00:00Z","value":"1946-03-15"}]}</c>.
/// </summary>
internal static class NdjsonRecordParser
{
    private static readonly Func<int, string, string> FactField = (i, field) => $"facts[{i}].{field}";

    public static bool TryParse(
        ReadOnlyMemory<byte> line, SubjectRecordValidator validator, string batchId, DateTimeOffset importedAt,
        out SubjectUpdate update, out RecordError error)
    {
        update = null!;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            error = new RecordError("$", "must be one JSON object on one line");
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = new RecordError("$", "must be one JSON object on one line");
                return false;
            }

            var kind = Text(root, "kind");
            var id = Text(root, "id");
            if (!root.TryGetProperty("facts", out var factsElement) || factsElement.ValueKind != JsonValueKind.Array)
            {
                error = new RecordError("facts", "must be a list of facts");
                return false;
            }

            var facts = new List<RawObservation>(factsElement.GetArrayLength());
            var index = 0;
            foreach (var fact in factsElement.EnumerateArray())
            {
                if (fact.ValueKind != JsonValueKind.Object)
                {
                    error = new RecordError($"facts[{index}]", "must be an object with fact, source, asOf and value");
                    return false;
                }

                JsonElement? value = fact.TryGetProperty("value", out var v) && v.ValueKind != JsonValueKind.Null ? v : null;
                facts.Add(new RawObservation(Text(fact, "fact"), Text(fact, "source"), Text(fact, "asOf"), value, null));
                index++;
            }

            return validator.TryValidate(kind, id, facts, FactField, batchId, importedAt, out update, out error);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
