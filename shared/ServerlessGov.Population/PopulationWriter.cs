using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ServerlessGov.Population;

/// <summary>Writes generated subjects in the registry's import formats (docs/SUBJECTS.md), streaming: one record at a time.</summary>
public static class PopulationWriter
{
    /// <summary>The CSV header the registry's import expects.</summary>
    public const string CsvHeader = "kind,id,fact,source,asOf,value";

    /// <summary>Writes one NDJSON line per subject; returns the number of subjects written.</summary>
    public static async Task<long> WriteNdjsonAsync(IEnumerable<GeneratedSubject> subjects, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new MemoryStream(1 << 20);
        using var writer = new Utf8JsonWriter(buffer);
        long count = 0;
        foreach (var subject in subjects)
        {
            writer.Reset(buffer);
            writer.WriteStartObject();
            writer.WriteString("kind", subject.Kind);
            writer.WriteString("id", subject.Id);
            writer.WriteStartArray("facts");
            foreach (var fact in subject.Facts)
            {
                writer.WriteStartObject();
                writer.WriteString("fact", fact.Fact);
                writer.WriteString("source", fact.Source);
                writer.WriteString("asOf", FormatAsOf(fact.AsOf));
                writer.WritePropertyName("value");
                WriteValue(writer, fact.Value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.Flush();
            buffer.WriteByte((byte)'\n');
            count++;
            if (buffer.Length > (1 << 19))
            {
                await FlushAsync(buffer, output, cancellationToken).ConfigureAwait(false);
            }
        }

        await FlushAsync(buffer, output, cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>Writes the header, then one CSV line per fact observation; returns the number of subjects written.</summary>
    public static async Task<long> WriteCsvAsync(IEnumerable<GeneratedSubject> subjects, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(output);
        var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteLineAsync(CsvHeader.AsMemory(), cancellationToken).ConfigureAwait(false);
            long count = 0;
            foreach (var subject in subjects)
            {
                foreach (var fact in subject.Facts)
                {
                    var line = string.Join(',', subject.Kind, subject.Id, fact.Fact, fact.Source, FormatAsOf(fact.AsOf), Quote(FormatText(fact.Value)));
                    await writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
                }

                count++;
            }

            return count;
        }
    }

    /// <summary>
    /// Appends one NDJSON coverage line per extract (docs/SUBJECTS.md, "Complete extracts"): written after the subjects,
    /// they take effect when the import completes.
    /// </summary>
    public static async Task WriteExtractsNdjsonAsync(IEnumerable<GeneratedExtract> extracts, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extracts);
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new MemoryStream();
        using var writer = new Utf8JsonWriter(buffer);
        foreach (var extract in extracts)
        {
            writer.Reset(buffer);
            writer.WriteStartObject();
            writer.WriteString("kind", "coverage");
            writer.WriteString("source", extract.Source);
            writer.WriteStartArray("facts");
            foreach (var fact in extract.Facts)
            {
                writer.WriteStringValue(fact);
            }

            writer.WriteEndArray();
            if (extract.ScopeFact is { } scopeFact)
            {
                writer.WriteStartObject("scope");
                writer.WriteString("fact", scopeFact);
                writer.WriteStartArray("values");
                foreach (var value in extract.ScopeValues)
                {
                    writer.WriteStringValue(value);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteString("asOf", FormatAsOf(extract.AsOf));
            writer.WriteEndObject();
            writer.Flush();
            buffer.WriteByte((byte)'\n');
        }

        await FlushAsync(buffer, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Appends one CSV coverage line per fact of each extract, after the header and subjects <see cref="WriteCsvAsync"/>
    /// wrote: <c>coverage,&lt;scope&gt;,&lt;fact&gt;,&lt;source&gt;,&lt;asOf&gt;,</c> with the scope as
    /// <c>household.district=余杭区;临平区</c>, or <c>*</c> for every subject.
    /// </summary>
    public static async Task WriteExtractsCsvAsync(IEnumerable<GeneratedExtract> extracts, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extracts);
        ArgumentNullException.ThrowIfNull(output);
        var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        await using (writer.ConfigureAwait(false))
        {
            foreach (var extract in extracts)
            {
                var scope = extract.ScopeFact is { } fact ? fact + "=" + string.Join(';', extract.ScopeValues) : "*";
                foreach (var covered in extract.Facts)
                {
                    var line = string.Join(',', "coverage", Quote(scope), covered, extract.Source, FormatAsOf(extract.AsOf), string.Empty);
                    await writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task FlushAsync(MemoryStream buffer, Stream output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
        buffer.SetLength(0);
    }

    private static string FormatAsOf(DateTimeOffset asOf) => asOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case DateOnly date:
                writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case string[] members:
                writer.WriteStartArray();
                foreach (var member in members)
                {
                    writer.WriteStringValue(member);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string FormatText(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string[] members => string.Join(';', members),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
