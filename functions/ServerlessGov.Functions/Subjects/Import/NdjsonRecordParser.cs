using System.Text.Json;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Functions.Subjects.Registry;

namespace ServerlessGov.Functions.Subjects.Import;

/// <summary>
/// Reads one NDJSON record, one subject with its facts:
/// <c>{"kind":"resident","id":"…","facts":[{"fact":"birth_date","source":"hukou","asOf":"2026-02-28T00:00:00Z","value":"1946-03-15"}]}</c>,
/// or one complete extract's declaration:
/// <c>{"kind":"coverage","source":"cdpf","facts":["disability.certified"],"scope":{"fact":"household.district","values":["余杭区"]},"asOf":"2026-12-01"}</c>.
/// </summary>
internal static class NdjsonRecordParser
{
    private static readonly Func<int, string, string> FactField = (i, field) => $"facts[{i}].{field}";
    private static readonly Func<string, string> CoverageField = field => field;

    public static bool TryParse(
        ReadOnlyMemory<byte> line, SubjectRecordValidator validator, string batchId, DateTimeOffset importedAt,
        out SubjectUpdate? update, out CoverageDeclaration? coverage, out RecordError error)
    {
        update = null;
        coverage = null;
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
            if (kind == "coverage")
            {
                var ok = TryCoverage(root, validator, out var declaration, out error);
                coverage = declaration;
                return ok;
            }

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

            var valid = validator.TryValidate(kind, id, facts, FactField, batchId, importedAt, out var subject, out error);
            update = valid ? subject : null;
            return valid;
        }
    }

    private static bool TryCoverage(JsonElement root, SubjectRecordValidator validator, out CoverageDeclaration? declaration, out RecordError error)
    {
        declaration = null;
        List<string?>? facts = null;
        if (root.TryGetProperty("facts", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                error = new RecordError("facts", "must be a list of fact names");
                return false;
            }

            facts = list.EnumerateArray().Select(f => f.ValueKind == JsonValueKind.String ? f.GetString() : null).ToList();
        }

        string? scopeFact = null;
        List<string?>? values = null;
        if (root.TryGetProperty("scope", out var scope) && scope.ValueKind != JsonValueKind.Null)
        {
            if (scope.ValueKind != JsonValueKind.Object)
            {
                error = new RecordError("scope", "must be an object with fact and values (leave it out to cover every subject)");
                return false;
            }

            scopeFact = Text(scope, "fact");
            values = scope.TryGetProperty("values", out var covered) && covered.ValueKind == JsonValueKind.Array
                ? covered.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : null).ToList()
                : null;
            if (scopeFact is null)
            {
                error = new RecordError("scope.fact", "names the fact the scope's values are values of");
                return false;
            }
        }

        var valid = validator.TryValidateCoverage(Text(root, "source"), facts, scopeFact, values, Text(root, "asOf"), CoverageField, out var declared, out error);
        declaration = valid ? declared : null;
        return valid;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
