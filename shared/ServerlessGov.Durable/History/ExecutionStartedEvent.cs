namespace ServerlessGov.Durable.History;

/// <summary>An execution began: the orchestrator, its input and, for a child, who to report to.</summary>
internal sealed record ExecutionStartedEvent(string Name, string? Input, string ExecutionId) : HistoryEvent
{
    /// <summary>The parent's orchestrator name (absent in starts written before it was recorded).</summary>
    public string? ParentName { get; init; }

    /// <summary>The parent instance of a sub-orchestration.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>The parent execution the result goes back to.</summary>
    public string? ParentExecutionId { get; init; }

    /// <summary>The parent's task id for this child.</summary>
    public int? ParentTaskId { get; init; }

    /// <summary>The scheduled start time, when the start was deferred.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>On a start message that restarts a terminal instance: the execution it replaces.</summary>
    public string? ReplacesExecutionId { get; init; }
}
