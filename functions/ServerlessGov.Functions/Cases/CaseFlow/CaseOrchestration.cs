using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Durable;
using ServerlessGov.Functions.Cases.Budgets;
using ServerlessGov.Functions.Cases.Limits;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Reviews;

namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>
/// One case: (policy, subject, period) from data to money. Proven → hold the household/exclusion slot → reserve
/// budget → intention confirmation when the policy asks for it → pay under the case's idempotency key → wait for
/// settlement (bank callback as an event, polling as fallback) → notify → done. Unknown → review first. A failed or
/// returned payment waits for a corrected account, then goes to review; a payment the bank holds differently from the
/// ledger (a conflict: nothing paid) goes to review at once; nothing ends silently.
/// </summary>
/// <remarks>Deterministic: no I/O, clock or configuration outside activities and the context.</remarks>
public static class CaseOrchestration
{
    /// <summary>The orchestrator function's name.</summary>
    public const string Name = "PayCase";

    private static readonly TaskOptions FollowUp = DurableLanes.Background();

    /// <summary>Runs the case.</summary>
    /// <exception cref="TaskFailedException">An activity failed for good (the instance fails visibly).</exception>
    [Function(Name)]
    public static async Task<CaseResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<CaseInput>() ?? throw new ArgumentException("The orchestration has no input.", nameof(context));
        var amount = input.AmountFen ?? 0;
        if (input.Track == CaseTrack.Review)
        {
            context.SetCustomStatus(new CaseProgress(CaseStage.InReview, input.AmountFen));
            var decision = await ReviewAsync(context, input, ReviewReasonKind.UnknownFacts, attempt: 0);
            if (!decision.Approved)
            {
                await NotifyAsync(context, input, "case-rejected", new() { ["reason"] = decision.Reason });
                return End(input, CaseOutcome.Rejected, "Reviewer: " + decision.Reason);
            }

            if (amount <= 0)
            {
                amount = await context.CallActivityAsync<long>(CaseActivities.ResolveAmount, input);
                if (amount <= 0)
                {
                    await NotifyAsync(context, input, "case-amount-unknown", new(), recipient: CaseActivities.StaffRecipientMarker);
                    return End(input, CaseOutcome.AmountUnknown, "Approved, but the amount cannot be computed from the data.");
                }
            }
        }

        // A case the starter paid, or asked to confirm, before it opened holds its slots and budget already (PaymentOnOpen).
        var askedAt = input.RequiresConfirmation ? input.ConfirmationAskedAt : null;
        var opened = input.Track == CaseTrack.Automatic ? input.OpenedPayment : null;
        if (askedAt is null && opened is null)
        {
            if (input.Slots.Count > 0 && !await context.CallActivityAsync<bool>(CaseActivities.ClaimSlots, new SlotClaim(context.InstanceId, input.Slots)))
            {
                return End(input, CaseOutcome.Excluded, "Another member of the household, or another policy of the same group, receives this benefit.");
            }

            await ReserveBudgetAsync(context, input, amount);
        }

        if (input.RequiresConfirmation && !await ConfirmAsync(context, input, amount, askedAt))
        {
            await context.CallActivityAsync<BudgetAnswer>(CaseActivities.ReleaseBudget, new BudgetRequest(input.PolicyId, input.PolicyVersion, context.InstanceId, amount));
            return End(input, CaseOutcome.Declined, "The resident declined, or did not confirm in time.");
        }

        var account = input.PayeeAccount;
        for (var attempt = 0; ; attempt++)
        {
            var period = attempt == 0 ? input.Period : string.Create(CultureInfo.InvariantCulture, $"{input.Period}-r{attempt}");
            var command = new PaymentCommand(context.InstanceId, input.PolicyId, input.SubjectId, period, amount, account, input.Purpose);
            var (payment, instructedAt) = await PayAndSettleAsync(context, input, command, attempt == 0 ? opened : null);

            // The ledger fixes a key's amount at its first registration (made as the case opened, possibly from other
            // facts than this input's): what the bank is paid is the case's amount from here on.
            amount = payment.AmountOr(amount);
            if (payment.State == PayoutState.Settled)
            {
                context.SetCustomStatus(new CaseProgress(CaseStage.Paid, amount, instructedAt));
                await NotifyAsync(context, input, "case-paid", new() { ["amountFen"] = amount.ToString(CultureInfo.InvariantCulture) }, suffix: period);
                var settledAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
                payment = await WatchForReturnAsync(context, input, payment);
                if (payment.State == PayoutState.Settled)
                {
                    return new CaseResult(CaseOutcome.Paid, amount, null, payment.IdempotencyKey, input.DecidedAt, instructedAt, settledAt);
                }
            }

            if (payment.State == PayoutState.Conflict)
            {
                // Nothing was paid under the key, and the resident's account is not in question: a reviewer finds out why.
                // Approved, the next attempt pays under a new key.
                context.SetCustomStatus(new CaseProgress(CaseStage.InReview, amount, instructedAt, payment.Reason, attempt));
                var conflict = new UnknownReason(UnknownReasonKind.Conflicting, "payment: " + payment.Reason, Source: "bank");
                var check = await ReviewAsync(context, input, ReviewReasonKind.PaymentConflict, attempt, [conflict]);
                if (check.Approved)
                {
                    continue;
                }

                await context.CallActivityAsync<BudgetAnswer>(CaseActivities.ReleaseBudget, new BudgetRequest(input.PolicyId, input.PolicyVersion, context.InstanceId, amount));
                return End(input, CaseOutcome.Rejected, $"Payment conflict ({payment.Reason}); reviewer: {check.Reason}");
            }

            // Failed or returned: the money did not arrive. Ask the resident for a corrected account, then a reviewer.
            var failed = new CaseProgress(CaseStage.PaymentFailed, amount, instructedAt, payment.Reason, attempt);
            context.SetCustomStatus(failed);
            await NotifyAsync(context, input, "payment-failed", new() { ["reason"] = payment.Reason ?? payment.State.ToString() }, suffix: period);
            if (await WaitForCorrectionAsync(context, input, failed) is { } correction)
            {
                account = correction.PayeeAccount;
                continue;
            }

            // No corrected account in time: a reviewer decides whether to retry.
            context.SetCustomStatus(new CaseProgress(CaseStage.InReview, amount, instructedAt, payment.Reason, attempt));
            var review = await ReviewAsync(context, input, ReviewReasonKind.FailedPayment, attempt);
            if (!review.Approved)
            {
                await context.CallActivityAsync<BudgetAnswer>(CaseActivities.ReleaseBudget, new BudgetRequest(input.PolicyId, input.PolicyVersion, context.InstanceId, amount));
                return End(input, CaseOutcome.Rejected, $"Payment {payment.State.ToString().ToLowerInvariant()} ({payment.Reason}); reviewer: {review.Reason}");
            }
        }
    }

    // A correction names the attempt it answers, so a repeated or late one (buffered by the engine) never
    // answers a later failure in the resident's place.
    // The window runs from the moment the case waits (the failure notice has gone out), and the case shows its end.
    private static async Task<AccountCorrection?> WaitForCorrectionAsync(TaskOrchestrationContext context, CaseInput input, CaseProgress failed)
    {
        var attempt = failed.Attempt;
        var deadline = context.CurrentUtcDateTime + input.Rules.CorrectionWindow;
        context.SetCustomStatus(failed with { AnswerBy = new DateTimeOffset(deadline, TimeSpan.Zero) });
        while (context.CurrentUtcDateTime < deadline)
        {
            try
            {
                var correction = await context.WaitForExternalEvent<AccountCorrection>(CaseEvents.AccountCorrected, deadline - context.CurrentUtcDateTime);
                if (correction.Attempt is null || correction.Attempt == attempt)
                {
                    return correction;
                }
            }
            catch (TaskCanceledException)
            {
                return null;
            }
        }

        return null;
    }

    // The review runs inline in the case (no sub-orchestration: two fewer engine messages per review, and the item
    // is opened and its first ladder timer armed in one round trip). The reviewer's decision and schedule changes are
    // raised on the case itself; the review key tells this case's reviews apart and names the item.
    private static Task<ReviewDecision> ReviewAsync(TaskOrchestrationContext context, CaseInput input, ReviewReasonKind kind, int attempt, IReadOnlyList<UnknownReason>? reasons = null)
    {
        var request = ReviewRequestFor(context.InstanceId, input, kind, attempt, reasons);
        var opened = kind == ReviewReasonKind.UnknownFacts && attempt == 0 ? input.Review : null;
        return ReviewCaseOrchestration.ReviewAsync(context, request, opened);
    }

    /// <summary>
    /// The review request of a case's review of <paramref name="kind"/> (its <paramref name="attempt"/>-th for a
    /// failed payment): one definition for the case and for the starter that opens a new case's item beforehand.
    /// <paramref name="reasons"/> replaces the case's unknown facts as what the reviewer is asked about.
    /// </summary>
    public static ReviewRequest ReviewRequestFor(string caseInstanceId, CaseInput input, ReviewReasonKind kind, int attempt, IReadOnlyList<UnknownReason>? reasons = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reviewKey = ReviewOrchestrations.InstanceIdFor(caseInstanceId, kind);
        if (attempt > 0)
        {
            reviewKey += string.Create(CultureInfo.InvariantCulture, $"|{attempt}");
        }

        return new ReviewRequest(caseInstanceId, caseInstanceId, input.PolicyId, input.PolicyVersion, input.SubjectId, kind,
            reasons ?? input.UnknownReasons, ReviewPriority.Normal, input.Rules.ReviewGroup, reviewKey);
    }

    [SuppressMessage("DurableTask", "DURABLE0011", Justification = "Bounded: one round per budget recheck (input.Rules.BudgetRecheck) while the cap is reached, a few events each; the budget is raised or the policy retired long before the history grows large.")]
    private static async Task ReserveBudgetAsync(TaskOrchestrationContext context, CaseInput input, long amount)
    {
        var request = new BudgetRequest(input.PolicyId, input.PolicyVersion, context.InstanceId, amount);
        while (true)
        {
            var answer = await context.CallActivityAsync<BudgetAnswer>(CaseActivities.ReserveBudget, request);
            if (answer.Reserved)
            {
                return;
            }

            context.SetCustomStatus(new CaseProgress(CaseStage.WaitingForBudget, amount, Detail: "The policy's budget cap is reached; staff are told."));
            // One notice per policy, day and cap: a repeat under the same key must say the same (a changed cap is news).
            var day = DateOnly.FromDateTime(context.CurrentUtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var cap = answer.CapFen?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
            await context.CallActivityAsync<bool>(CaseActivities.Notify, new NotifyCommand(
                $"budget-cap|{input.PolicyId}|{day}|{cap}", CaseActivities.StaffRecipientMarker, "budget-cap-reached",
                new Dictionary<string, string> { ["policyId"] = input.PolicyId, ["capFen"] = cap }));
            try
            {
                await context.WaitForExternalEvent<object?>(CaseEvents.BudgetRaised, input.Rules.BudgetRecheck);
            }
            catch (TaskCanceledException)
            {
                // Try again anyway: a new policy version may carry a higher cap, or other cases released theirs.
            }
        }
    }

    // The window runs from the moment the request has gone out: sent here, or by the starter as the case opened.
    private static async Task<bool> ConfirmAsync(TaskOrchestrationContext context, CaseInput input, long amount, DateTimeOffset? askedAt)
    {
        if (askedAt is null)
        {
            context.SetCustomStatus(new CaseProgress(CaseStage.AwaitingConfirmation, amount));
            await context.CallActivityAsync<bool>(CaseActivities.Notify, NotifyCommand.ConfirmIntention(context.InstanceId, input, amount));
        }

        var answerBy = (askedAt ?? new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero)) + input.Rules.ConfirmationWindow;
        context.SetCustomStatus(new CaseProgress(CaseStage.AwaitingConfirmation, amount, AnswerBy: answerBy));
        var left = answerBy.UtcDateTime - context.CurrentUtcDateTime;
        try
        {
            var answer = await context.WaitForExternalEvent<IntentionAnswer>(CaseEvents.IntentionAnswered, left > TimeSpan.Zero ? left : TimeSpan.Zero);
            return answer.Confirmed;
        }
        catch (TaskCanceledException)
        {
            return input.Rules.PayWithoutAnswer;
        }
    }

    // Once the bank holds the instruction, the rest (following settlement, telling the resident) is not urgent: those
    // activities run in the engine's background lane, so they never queue in front of another case's payment.
    private static async Task<(PaymentSnapshot Payment, DateTimeOffset? InstructedAt)> PayAndSettleAsync(TaskOrchestrationContext context, CaseInput input, PaymentCommand command, PaymentSnapshot? opened)
    {
        var payment = opened;
        if (payment is null)
        {
            context.SetCustomStatus(new CaseProgress(CaseStage.Paying, command.AmountFen));
            payment = await context.CallActivityAsync<PaymentSnapshot>(CasePaymentActivities.Pay, command);
        }

        DateTimeOffset? instructedAt = null;
        var retryDelay = input.Rules.PaymentRetryDelay;
        while (!payment.IsDecided)
        {
            if (payment.IsInstructed)
            {
                if (instructedAt is null)
                {
                    instructedAt = payment.InstructedAtOrUpdated;
                    context.SetCustomStatus(new CaseProgress(CaseStage.AwaitingSettlement, payment.AmountOr(command.AmountFen), instructedAt));
                }

                try
                {
                    await context.WaitForExternalEvent<string>(CaseEvents.PaymentUpdated, input.Rules.SettlementPollInterval);
                }
                catch (TaskCanceledException)
                {
                    // No callback: poll.
                }

                payment = await context.CallActivityAsync<PaymentSnapshot>(CasePaymentActivities.Reconcile, payment.IdempotencyKey, FollowUp);
                continue;
            }

            // Pending (the bank could not be asked) or sent with a lost answer: wait, then the executor asks first.
            await context.CreateTimer(retryDelay, CancellationToken.None);
            retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, input.Rules.PaymentRetryDelay.Ticks * 10));
            payment = await context.CallActivityAsync<PaymentSnapshot>(CasePaymentActivities.Pay, command);
        }

        return (payment, instructedAt ?? (payment.State is PayoutState.Settled or PayoutState.Returned ? payment.InstructedAtOrUpdated : null));
    }

    private static async Task<PaymentSnapshot> WatchForReturnAsync(TaskOrchestrationContext context, CaseInput input, PaymentSnapshot payment)
    {
        if (input.Rules.ReturnWatch <= TimeSpan.Zero)
        {
            return payment;
        }

        var until = context.CurrentUtcDateTime + input.Rules.ReturnWatch;
        while (payment.State == PayoutState.Settled && context.CurrentUtcDateTime < until)
        {
            var wait = until - context.CurrentUtcDateTime;
            try
            {
                await context.WaitForExternalEvent<string>(CaseEvents.PaymentUpdated, wait < input.Rules.SettlementPollInterval * 60 ? wait : input.Rules.SettlementPollInterval * 60);
            }
            catch (TaskCanceledException)
            {
                // Poll once per window in case a return's callback was lost.
            }

            payment = await context.CallActivityAsync<PaymentSnapshot>(CasePaymentActivities.Reconcile, payment.IdempotencyKey, FollowUp);
        }

        return payment;
    }

    // A notice that ends a step (paid, failed, rejected) is follow-up work; a request the case waits on is not (ConfirmAsync).
    private static Task<bool> NotifyAsync(TaskOrchestrationContext context, CaseInput input, string template, Dictionary<string, string> values, string? suffix = null, string? recipient = null) =>
        context.CallActivityAsync<bool>(CaseActivities.Notify, NotifyCommand.ForCase(context.InstanceId, input, template, values, suffix, recipient), FollowUp);

    private static CaseResult End(CaseInput input, CaseOutcome outcome, string reason) =>
        new(outcome, 0, reason, null, input.DecidedAt, null, null);
}
