using System.Text.Json.Serialization;

namespace ServerlessGov.Durable.History;

/// <summary>
/// One recorded fact of an orchestration's execution. Replaying an execution's events in order rebuilds the
/// orchestrator's state exactly; the same types travel in queue messages as the facts workers deliver.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$t")]
[JsonDerivedType(typeof(ExecutionStartedEvent), "start")]
[JsonDerivedType(typeof(OrchestratorStartedEvent), "episode")]
[JsonDerivedType(typeof(TaskScheduledEvent), "taskScheduled")]
[JsonDerivedType(typeof(TaskCompletedEvent), "taskCompleted")]
[JsonDerivedType(typeof(TaskFailedEvent), "taskFailed")]
[JsonDerivedType(typeof(TimerCreatedEvent), "timerCreated")]
[JsonDerivedType(typeof(TimerFiredEvent), "timerFired")]
[JsonDerivedType(typeof(SubOrchestrationCreatedEvent), "subCreated")]
[JsonDerivedType(typeof(SubOrchestrationCompletedEvent), "subCompleted")]
[JsonDerivedType(typeof(SubOrchestrationFailedEvent), "subFailed")]
[JsonDerivedType(typeof(EventRaisedEvent), "eventRaised")]
[JsonDerivedType(typeof(EventSentEvent), "eventSent")]
[JsonDerivedType(typeof(ExecutionCompletedEvent), "completed")]
[JsonDerivedType(typeof(ExecutionTerminatedEvent), "terminated")]
[JsonDerivedType(typeof(ExecutionSuspendedEvent), "suspended")]
[JsonDerivedType(typeof(ExecutionResumedEvent), "resumed")]
[JsonDerivedType(typeof(PoisonMessageEvent), "poison")]
internal abstract record HistoryEvent
{
    /// <summary>When the fact was recorded (UTC).</summary>
    public DateTimeOffset Timestamp { get; init; }
}
