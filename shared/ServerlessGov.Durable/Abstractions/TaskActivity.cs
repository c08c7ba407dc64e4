namespace ServerlessGov.Durable;

/// <summary>
/// Base class of an activity: the unit of real work (I/O, computation) an orchestrator schedules.
/// </summary>
/// <remarks>
/// Activities run <b>at least once</b>: a crash after the work but before its result is recorded runs it again, so
/// make every activity idempotent (for example, key external side effects by instance id and task id). A thrown
/// exception is reported to the orchestrator as a <see cref="TaskFailedException"/> carrying its details.
/// </remarks>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    Type ITaskActivity.InputType => typeof(TInput);

    Type ITaskActivity.OutputType => typeof(TOutput);

    /// <summary>Does the work. <paramref name="cancellationToken"/> fires when the worker shuts down.</summary>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input, CancellationToken cancellationToken);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input, CancellationToken cancellationToken) =>
        await RunAsync(context, input is null ? default! : (TInput)input, cancellationToken).ConfigureAwait(false);
}
