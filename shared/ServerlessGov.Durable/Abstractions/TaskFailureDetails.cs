using System.Text.Json.Serialization;

namespace ServerlessGov.Durable;

/// <summary>Why a task, sub-orchestration or orchestration failed, kept as data so it survives serialization.</summary>
/// <param name="ErrorType">The full name of the exception type.</param>
/// <param name="ErrorMessage">The exception message.</param>
/// <param name="StackTrace">The stack trace, when known.</param>
/// <param name="InnerFailure">The inner exception's details, when there was one.</param>
public sealed record TaskFailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    TaskFailureDetails? InnerFailure = null)
{
    /// <summary>Captures an exception and its inner exceptions.</summary>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is TaskFailedException failed
            ? new(exception.GetType().FullName!, exception.Message, exception.StackTrace, failed.FailureDetails)
            : new(exception.GetType().FullName!, exception.Message, exception.StackTrace,
                exception.InnerException is null ? null : FromException(exception.InnerException));
    }

    /// <summary>True when this failure, or an inner one, came from an exception of type <typeparamref name="T"/> (or a subtype known by name).</summary>
    public bool IsCausedBy<T>()
        where T : Exception
    {
        var name = typeof(T).FullName;
        for (var details = this; details is not null; details = details.InnerFailure)
        {
            if (string.Equals(details.ErrorType, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    [JsonIgnore]
    public string Summary => $"{ErrorType}: {ErrorMessage}";
}
