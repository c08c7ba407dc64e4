namespace ServerlessGov.Durable;

/// <summary>
/// The untyped shape of an orchestrator the engine runs. Derive from <see cref="TaskOrchestrator{TInput,TOutput}"/>
/// instead; it implements this interface explicitly so only the typed method shows.
/// </summary>
public interface ITaskOrchestrator
{
    /// <summary>The type the input is deserialized to.</summary>
    Type InputType { get; }

    /// <summary>The type of the result.</summary>
    Type OutputType { get; }

    /// <summary>Runs (or replays) the orchestration with its deserialized input.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}
