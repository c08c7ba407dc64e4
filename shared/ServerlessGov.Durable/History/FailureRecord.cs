using Microsoft.DurableTask;

namespace ServerlessGov.Durable.History;

/// <summary>
/// Why a task or an execution failed, in the shape the engine stores in history and on the status row (unchanged
/// since the first release, so old rows still read); <see cref="TaskFailureDetails"/> is what code and clients see.
/// </summary>
internal sealed record FailureRecord(string ErrorType, string ErrorMessage, string? StackTrace = null, FailureRecord? InnerFailure = null)
{
    /// <summary>
    /// Captures an exception as Durable Task does: its full type name, message and stack, and as inner failure the
    /// details a <see cref="TaskFailedException"/> carries (the failed task's own error) or the inner exception.
    /// </summary>
    public static FailureRecord FromException(Exception exception) => new(
        exception.GetType().FullName!,
        exception.Message,
        exception.StackTrace,
        exception is TaskFailedException failed ? From(failed.FailureDetails)
            : exception.InnerException is { } inner ? FromException(inner) : null);

    public static FailureRecord? From(TaskFailureDetails? details) => details is null
        ? null
        : new(details.ErrorType, details.ErrorMessage, details.StackTrace, From(details.InnerFailure));

    public TaskFailureDetails ToDetails() => new(ErrorType, ErrorMessage, StackTrace, InnerFailure?.ToDetails(), null);

    public DurableTask.Core.FailureDetails ToCoreDetails() =>
        new(ErrorType, ErrorMessage, StackTrace, InnerFailure?.ToCoreDetails(), isNonRetriable: false);
}
