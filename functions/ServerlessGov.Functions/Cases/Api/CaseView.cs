namespace ServerlessGov.Functions.Cases.Api;

/// <summary>What a resident or an operator sees of one case: where it stands, how it ended, what it pays and to which (masked) account.</summary>
/// <param name="CaseId">The case's instance id (<c>case|{policy}|{subject}|{period}</c>).</param>
/// <param name="PolicyId">The policy paid under.</param>
/// <param name="SubjectId">The pseudonymous beneficiary.</param>
/// <param name="Period">The period paid.</param>
/// <param name="Status">The orchestration's status: Pending, Running, Completed, Failed, Terminated or Suspended.</param>
/// <param name="Stage">While running: the stage (<c>CaseStage</c>), e.g. AwaitingConfirmation, PaymentFailed.</param>
/// <param name="Outcome">Once ended: Paid, Rejected, Declined, Excluded or AmountUnknown.</param>
/// <param name="AmountFen">The amount in fen (what was paid once ended; null while a reviewer must settle it).</param>
/// <param name="PayeeAccount">The account reference paid or to be paid, masked (first five and last four characters).</param>
/// <param name="Detail">Why the case waits or how it ended, in words.</param>
/// <param name="WaitingFor">What the case waits for from the resident: <c>intention</c>, <c>account</c>, or null.</param>
/// <param name="AnswerBy">Until when the resident can give what the case waits for (null until the notice has gone out).</param>
/// <param name="InstructedAt">When the bank accepted the payment instruction.</param>
/// <param name="OpenedAt">When the case opened.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record CaseView(
    string CaseId,
    string PolicyId,
    string SubjectId,
    string Period,
    string Status,
    string? Stage,
    string? Outcome,
    long? AmountFen,
    string? PayeeAccount,
    string? Detail,
    string? WaitingFor,
    DateTimeOffset? AnswerBy,
    DateTimeOffset? InstructedAt,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt);
