namespace ServerlessGov.Functions.Policies;

/// <summary>Raised when a lifecycle operation is refused for a reason other than an invalid document; <see cref="Failure"/> says which.</summary>
public sealed class PolicyLifecycleException : Exception
{
    public PolicyLifecycleException()
        : this(PolicyFailure.Conflict, "The policy operation was refused.")
    {
    }

    public PolicyLifecycleException(string message)
        : this(PolicyFailure.Conflict, message)
    {
    }

    public PolicyLifecycleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = PolicyFailure.Conflict;
    }

    /// <summary>A refusal of the given kind, with a message for the caller.</summary>
    public PolicyLifecycleException(PolicyFailure failure, string message)
        : base(message)
    {
        Failure = failure;
    }

    /// <summary>Why the operation was refused.</summary>
    public PolicyFailure Failure { get; }
}
