using Microsoft.DurableTask.Client;
using ServerlessGov.Functions.Cases.CaseFlow;

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
/// <param name="PolicyVersion">The policy version the case was decided under (an objection names it).</param>
/// <param name="Track">How the case was opened: Automatic (the data proved it) or Review.</param>
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
    DateTimeOffset UpdatedAt,
    int? PolicyVersion = null,
    string? Track = null)
{
    /// <summary>
    /// The view of a case instance from its input, progress and result; <paramref name="maskedPayee"/> is the account
    /// already masked, or null when the caller did not read the ledger (lists).
    /// </summary>
    public static CaseView Of(OrchestrationMetadata instance, string? maskedPayee)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var parts = instance.InstanceId.Split('|');
        var input = instance.ReadInputAs<CaseInput>();
        var progress = CaseProgress.Of(instance);
        var result = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<CaseResult>() : null;
        var waitingFor = progress?.Stage switch
        {
            CaseStage.AwaitingConfirmation => "intention",
            CaseStage.PaymentFailed => "account",
            _ => null,
        };
        return new CaseView(
            instance.InstanceId,
            input?.PolicyId ?? parts.ElementAtOrDefault(1) ?? "",
            input?.SubjectId ?? parts.ElementAtOrDefault(2) ?? "",
            input?.Period ?? parts.ElementAtOrDefault(3) ?? "",
            instance.RuntimeStatus.ToString(),
            progress?.Stage.ToString(),
            result?.Outcome.ToString(),
            result?.AmountFen ?? progress?.AmountFen ?? input?.AmountFen,
            maskedPayee,
            result?.Reason ?? progress?.Detail ?? instance.FailureDetails?.ErrorMessage,
            waitingFor,
            waitingFor is null ? null : progress?.AnswerBy,
            result?.InstructedAt ?? progress?.InstructedAt,
            instance.CreatedAt,
            instance.LastUpdatedAt,
            input?.PolicyVersion,
            input?.Track.ToString());
    }

    /// <summary>True when <paramref name="state"/> names the case's status, stage or outcome (case-insensitive).</summary>
    public bool IsIn(string state) =>
        string.Equals(Status, state, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Stage, state, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Outcome, state, StringComparison.OrdinalIgnoreCase);
}
