namespace ServerlessGov.Functions.Payouts;

/// <summary>The three things a submission can end in; "unknown" is a first-class answer, never folded into "failed".</summary>
public enum SubmissionOutcome
{
    /// <summary>The bank recorded the payment under the key (or had already).</summary>
    Accepted,

    /// <summary>The bank refused the instruction (invalid input) and recorded nothing.</summary>
    Rejected,

    /// <summary>No answer (timeout, lost connection, server error): the bank may or may not have recorded it.</summary>
    Unknown,
}
