namespace ServerlessGov.Domain.Policies;

/// <summary>Raised when a policy document is invalid or a test case fails; publishing is blocked.</summary>
public sealed class PolicyValidationException : Exception
{
    /// <summary>Creates the exception from the errors found.</summary>
    public PolicyValidationException(IReadOnlyList<PolicyValidationError> errors)
        : base(string.Join(Environment.NewLine, errors ?? []))
    {
        Errors = errors ?? [];
    }

    /// <summary>Creates an exception without structured errors.</summary>
    public PolicyValidationException()
        : this([])
    {
    }

    /// <summary>Creates an exception from a message.</summary>
    public PolicyValidationException(string message)
        : this([new PolicyValidationError("$", message)])
    {
    }

    /// <summary>Creates an exception from a message and cause.</summary>
    public PolicyValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new PolicyValidationError("$", message)];
    }

    /// <summary>The errors, each with its JSON path.</summary>
    public IReadOnlyList<PolicyValidationError> Errors { get; }
}
