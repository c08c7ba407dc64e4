using System.Text;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Functions.Subjects.Registry;

namespace ServerlessGov.Functions.Subjects.Import;

/// <summary>
/// Reads one CSV record, one fact observation: <c>kind,id,fact,source,asOf,value</c> (RFC 4180 quoting; a record is
/// one line; a set's members are separated by ';'), or one fact of a complete extract's declaration: kind
/// <c>coverage</c>, the scope in the id column (<c>household.district=余杭区;临平区</c>, or <c>*</c> for every subject)
/// and an empty value.
/// </summary>
internal static class CsvRecordParser
{
    /// <summary>The header line every CSV import starts with.</summary>
    public const string Header = "kind,id,fact,source,asOf,value";

    private static readonly Func<int, string, string> FactField = (_, field) => field;

    public static bool IsHeader(ReadOnlySpan<byte> line) => line.SequenceEqual(Encoding.UTF8.GetBytes(Header));

    public static bool TryParse(
        ReadOnlyMemory<byte> line, SubjectRecordValidator validator, string batchId, DateTimeOffset importedAt,
        out SubjectUpdate? update, out CoverageDeclaration? coverage, out RecordError error)
    {
        update = null;
        coverage = null;
        var fields = Split(Encoding.UTF8.GetString(line.Span));
        if (fields is null || fields.Count != 6)
        {
            error = new RecordError("$", "must have the six fields " + Header);
            return false;
        }

        if (fields[0] == "coverage")
        {
            return TryCoverage(fields, validator, out coverage, out error);
        }

        var fact = new RawObservation(fields[2], fields[3], fields[4], null, fields[5]);
        var valid = validator.TryValidate(fields[0], fields[1], [fact], FactField, batchId, importedAt, out var subject, out error);
        update = valid ? subject : null;
        return valid;
    }

    private static bool TryCoverage(List<string> fields, SubjectRecordValidator validator, out CoverageDeclaration? coverage, out RecordError error)
    {
        coverage = null;
        if (fields[5].Length > 0)
        {
            error = new RecordError("value", "is empty on a coverage line");
            return false;
        }

        CoverageScope scope;
        try
        {
            scope = CoverageScope.Parse(fields[1]);
        }
        catch (FormatException)
        {
            error = new RecordError("id", "is the scope on a coverage line: fact=value;value, or * for every subject");
            return false;
        }

        // The CSV columns name the fields of a coverage line differently: the scope is in "id", the fact in "fact".
        static string Field(string field) => field.StartsWith("scope", StringComparison.Ordinal) ? "id" : field.StartsWith("facts", StringComparison.Ordinal) ? "fact" : field;
        var valid = validator.TryValidateCoverage(fields[3], [fields[2]], scope.Fact, scope.Fact is null ? null : [.. scope.Values], fields[4], Field, out var declared, out error);
        coverage = valid ? declared : null;
        return valid;
    }

    private static List<string>? Split(string line)
    {
        var fields = new List<string>(6);
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        return null;
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    return null;
                }
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var end = comma < 0 ? line.Length : comma;
                field.Append(line, i, end - i);
                i = end;
            }

            fields.Add(field.ToString());
            if (i >= line.Length)
            {
                return fields;
            }

            i++;
        }
    }
}
