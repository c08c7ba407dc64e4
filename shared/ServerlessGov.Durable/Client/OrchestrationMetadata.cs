namespace ServerlessGov.Durable;

/// <summary>A snapshot of one orchestration instance as a client sees it.</summary>
public sealed record OrchestrationMetadata
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>Where the instance is in its life.</summary>
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was scheduled (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its state last changed (UTC).</summary>
    public required DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The input as JSON.</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The output as JSON (for Terminated: the reason).</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The custom status as JSON.</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>Why the instance failed, when it did.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The data converter used to read the JSON fields.</summary>
    internal DataConverter Converter { get; init; } = new();

    /// <summary>True once the instance reached Completed, Failed or Terminated.</summary>
    public bool IsCompleted => RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    /// <summary>True while the instance is Pending, Running, Suspended or ContinuedAsNew.</summary>
    public bool IsRunning => !IsCompleted;

    /// <summary>The input, deserialized.</summary>
    public T? ReadInputAs<T>() => Converter.Deserialize<T>(SerializedInput);

    /// <summary>The output, deserialized.</summary>
    public T? ReadOutputAs<T>() => Converter.Deserialize<T>(SerializedOutput);

    /// <summary>The custom status, deserialized.</summary>
    public T? ReadCustomStatusAs<T>() => Converter.Deserialize<T>(SerializedCustomStatus);
}
