namespace ServerlessGov.Functions.Subjects.Import;

/// <summary>
/// The state of an import as of its last checkpoint: records read, accepted (in the registry), complete extracts
/// declared and quarantined, and the line and byte offset a resumed run continues from.
/// </summary>
public sealed record ImportProgress(
    string ImportId,
    ImportFormat Format,
    ImportStatus Status,
    long RecordsRead,
    long Accepted,
    long Quarantined,
    long Line,
    long ByteOffset,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    string? Failure)
{
    /// <summary>Coverage lines read: complete extracts the file declares, applied when the import completes.</summary>
    public long Declared { get; init; }
}
