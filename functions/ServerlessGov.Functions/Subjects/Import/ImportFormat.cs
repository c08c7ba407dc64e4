using System.Text.Json.Serialization;

namespace ServerlessGov.Functions.Subjects.Import;

/// <summary>The record formats an import reads (docs/SUBJECTS.md defines both; written as its name in JSON).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImportFormat>))]
public enum ImportFormat
{
    /// <summary>One JSON object per line: one subject with its facts.</summary>
    Ndjson,

    /// <summary>A header line, then one fact observation per line: <c>kind,id,fact,source,asOf,value</c>.</summary>
    Csv,
}
