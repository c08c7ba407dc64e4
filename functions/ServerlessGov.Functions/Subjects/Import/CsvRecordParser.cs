using System.Text;
using ServerlessGov.Functions.Subjects.Registry;

namespace ServerlessGov.Functions.Subjects.Import;

/// <summary>
/// Reads one CSV record, one fact observation: <c>kind,id,fact,source,asOf,value</c> (RFC 4180 quoting; a record is
/// one line; a set's members are separated by ';').
/// </summary>
internal static class CsvRecordParser
{
    /// <summary>The header line every CSV import starts with.</summary>
    public const string Header = "kind,id,fact,source,asOf,value";

    private static readonly Func<int, string, string> FactField = (_, field) => field;

    public static bool IsHeader(ReadOnlySpan<byte> line) => line.SequenceEqual(Encoding.UTF8.GetBytes(Header));

    public static bool TryParse(
        ReadOnlyMemory<byte> line, SubjectRecordValidator validator, string batchId, DateTimeOffset importedAt,
        out SubjectUpdate update, out RecordError error)
    {
        update = null!;
        var fields = Split(Encoding.UTF8.GetString(line.Span));
        if (fields is null || fields.Count != 6)
        {
            error = new RecordError("$", "must have the six fields " + Header);
            return false;
        }

        var fact = new RawObservation(fields[2], fields[3], fields[4], null, fields[5]);
        return validator.TryValidate(fields[0], fields[1], [fact], FactField, batchId, importedAt, out update, out error);
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
