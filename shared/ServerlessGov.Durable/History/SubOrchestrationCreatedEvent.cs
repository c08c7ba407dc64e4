namespace ServerlessGov.Durable.History;

/// <summary>The orchestrator started child <paramref name="InstanceId"/> running <paramref name="Name"/> as step <paramref name="TaskId"/>.</summary>
internal sealed record SubOrchestrationCreatedEvent(int TaskId, string Name, string InstanceId, string? Input) : HistoryEvent
{
    /// <summary>The child's first execution id, fixed here so a re-sent start cannot start it twice.</summary>
    public required string ChildExecutionId { get; init; }
}
