using System.Text.Json.Serialization;

namespace ServerlessGov.Functions.Subjects.Import;

/// <summary>Where an import stands (written as its name in JSON, like every enum of the API).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImportStatus>))]
public enum ImportStatus
{
    /// <summary>Accepted and spooled; no record read yet.</summary>
    Pending,

    /// <summary>Reading; the counters are those of the last checkpoint.</summary>
    Running,

    /// <summary>Every line was read: each record is either in the registry or quarantined.</summary>
    Completed,

    /// <summary>The file itself is unusable (e.g. a CSV header that is not the documented one); see the failure.</summary>
    Failed,
}
