namespace ServerlessGov.Durable;

/// <summary>
/// The untyped shape of an activity the engine runs. Derive from <see cref="TaskActivity{TInput,TOutput}"/> instead;
/// it implements this interface explicitly so only the typed method shows.
/// </summary>
public interface ITaskActivity
{
    /// <summary>The type the input is deserialized to.</summary>
    Type InputType { get; }

    /// <summary>The type of the result.</summary>
    Type OutputType { get; }

    /// <summary>Runs the activity with its deserialized input.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input, CancellationToken cancellationToken);
}
