namespace ServerlessGov.Domain.Rules;

/// <summary>Raised when a rule cannot be parsed or does not type-check; carries every error found.</summary>
public sealed class RuleException : Exception
{
    /// <summary>Creates the exception from the errors found.</summary>
    public RuleException(IReadOnlyList<RuleError> errors)
        : base(string.Join(Environment.NewLine, errors ?? []))
    {
        Errors = errors ?? [];
    }

    /// <summary>Creates the exception from one error.</summary>
    public RuleException(RuleError error)
        : this([error])
    {
    }

    /// <summary>Creates an exception with no structured errors.</summary>
    public RuleException()
        : this([])
    {
    }

    /// <summary>Creates an exception from a message.</summary>
    public RuleException(string message)
        : this([new RuleError(string.Empty, "syntax", message)])
    {
    }

    /// <summary>Creates an exception from a message and cause.</summary>
    public RuleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new RuleError(string.Empty, "syntax", message)];
    }

    /// <summary>The errors, each with its location.</summary>
    public IReadOnlyList<RuleError> Errors { get; }
}
