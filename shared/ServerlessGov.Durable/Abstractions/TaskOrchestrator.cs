namespace ServerlessGov.Durable;

/// <summary>
/// Base class of an orchestrator: code that coordinates activities, timers, events and sub-orchestrations, and whose
/// progress survives crashes because the engine rebuilds it by replaying recorded history.
/// </summary>
/// <remarks>
/// <para>Orchestrator code must be deterministic: every replay must make the same calls in the same order. Take time
/// from <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, GUIDs from <see cref="TaskOrchestrationContext.NewGuid"/>,
/// and do all I/O in activities. Do not use <c>Task.Run</c>, <c>Task.Delay</c>, <c>ConfigureAwait(false)</c>, threads,
/// random numbers, environment variables or static mutable state.</para>
/// <para>Changing the sequence of calls of a deployed orchestrator breaks instances in flight: they fail with a
/// non-determinism error that names the step. Deploy a new orchestrator name instead.</para>
/// </remarks>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    Type ITaskOrchestrator.InputType => typeof(TInput);

    Type ITaskOrchestrator.OutputType => typeof(TOutput);

    /// <summary>Runs the orchestration. Exceptions that escape fail the instance with their details.</summary>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input);
}
