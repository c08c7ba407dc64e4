namespace ServerlessGov.Durable;

/// <summary>
/// Thrown inside an orchestrator when an activity or sub-orchestration it awaited failed; the original error is in
/// <see cref="FailureDetails"/> (the exception itself never crosses the process boundary).
/// </summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    public TaskFailedException()
        : this("unknown", -1, new TaskFailureDetails("Unknown", "A task failed."))
    {
    }

    public TaskFailedException(string message)
        : this("unknown", -1, new TaskFailureDetails("Unknown", message))
    {
    }

    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        TaskName = "unknown";
        TaskId = -1;
        FailureDetails = TaskFailureDetails.FromException(innerException);
    }

    /// <summary>The activity or sub-orchestrator name.</summary>
    public string TaskName { get; }

    /// <summary>The call's sequence number in the orchestration.</summary>
    public int TaskId { get; }

    /// <summary>What went wrong in the task.</summary>
    public TaskFailureDetails FailureDetails { get; }
}
