namespace ServerlessGov.Functions.Subjects.Changes;

/// <summary>A <c>subject-changes</c> message breaks a rule; the host retries it and then moves it to the poison queue. The message names the field and rule, never a value.</summary>
public sealed class SubjectChangeRejectedException : Exception
{
    public SubjectChangeRejectedException()
    {
    }

    public SubjectChangeRejectedException(string message)
        : base(message)
    {
    }

    public SubjectChangeRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
