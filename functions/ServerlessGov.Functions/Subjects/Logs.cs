namespace ServerlessGov.Functions.Subjects;

/// <summary>The subject registry's log events (ids 6000–6099). Only import ids, pseudonymous subject ids, counts and fact names are logged, never an identity number or a fact value.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Import {ImportId} resumes after line {Line} (byte {ByteOffset})")]
    public static partial void Resuming(ILogger logger, string importId, long line, long byteOffset);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Debug, Message = "Import {ImportId} checkpoint at line {Line}: {Read} read, {Accepted} accepted, {Quarantined} quarantined")]
    public static partial void Checkpoint(ILogger logger, string importId, long line, long read, long accepted, long quarantined);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Import {ImportId} completed: {Read} read, {Accepted} accepted, {Declared} complete extracts declared, {Quarantined} quarantined")]
    public static partial void Completed(ILogger logger, string importId, long read, long accepted, long declared, long quarantined);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Import {ImportId} failed: {Failure}")]
    public static partial void Failed(ILogger logger, string importId, string failure);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Subject {SubjectId} changed by {Source}: {ChangedFacts}")]
    public static partial void SubjectChanged(ILogger logger, string subjectId, string source, string changedFacts);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Debug, Message = "Subject {SubjectId}: the update from {Source} changed nothing (older or repeated)")]
    public static partial void SubjectUnchanged(ILogger logger, string subjectId, string source);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Information, Message = "{Source} declared a complete extract of {FactCount} facts")]
    public static partial void CoverageDeclared(ILogger logger, string source, int factCount);
}
