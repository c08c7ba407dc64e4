namespace ServerlessGov.Functions.Subjects.Import;

/// <summary>Sent on <see cref="QueueName"/> when an uploaded file is spooled; the import function runs (or, redelivered after a crash, resumes) it.</summary>
public sealed record SubjectImportRequested(string ImportId, ImportFormat Format)
{
    /// <summary>The queue of imports to run.</summary>
    public const string QueueName = "subject-imports";
}
