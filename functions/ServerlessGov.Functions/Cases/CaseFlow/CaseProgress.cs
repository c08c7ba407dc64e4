using Microsoft.DurableTask.Client;

namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>A case's custom status: its stage, the amount, when the bank accepted the instruction, and which payment attempt failed.</summary>
/// <param name="Stage">Where the case stands.</param>
/// <param name="AmountFen">The amount (null while a reviewer must settle it).</param>
/// <param name="InstructedAt">When the bank accepted the payment instruction.</param>
/// <param name="Detail">Why the case waits (the bank's reason for a failed payment, a reached budget cap).</param>
/// <param name="Attempt">The payment attempt (0 first, n for a retry under <c>{period}-r{n}</c>) a corrected account answers.</param>
/// <param name="AnswerBy">
/// Until when the resident can answer (confirm intention, give a corrected account): set once the notice has gone out
/// and the case waits; null before then and at other stages.
/// </param>
public sealed record CaseProgress(CaseStage Stage, long? AmountFen, DateTimeOffset? InstructedAt = null, string? Detail = null, int Attempt = 0, DateTimeOffset? AnswerBy = null)
{
    /// <summary>
    /// Where a running case stands: its custom status; before its first episode, the wait for an answer it was opened
    /// in when its starter asked the resident to confirm (<see cref="CaseInput.ConfirmationAskedAt"/>); otherwise null.
    /// </summary>
    public static CaseProgress? Of(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.IsCompleted)
        {
            return null;
        }

        if (instance.SerializedCustomStatus is not null)
        {
            return instance.ReadCustomStatusAs<CaseProgress>();
        }

        return instance.ReadInputAs<CaseInput>() is { RequiresConfirmation: true, ConfirmationAskedAt: { } askedAt } input
            ? new CaseProgress(CaseStage.AwaitingConfirmation, input.AmountFen, AnswerBy: askedAt + input.Rules.ConfirmationWindow)
            : null;
    }
}
