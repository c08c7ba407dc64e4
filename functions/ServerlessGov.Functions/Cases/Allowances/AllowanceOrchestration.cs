using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Runs;

namespace ServerlessGov.Functions.Cases.Allowances;

/// <summary>
/// A recurring benefit for one (policy, beneficiary): an eternal orchestration that decides each calendar month from
/// the current facts, pays it through the month's case (id (policy, subject, month), so a month is never paid twice),
/// watches for fact changes until the month ends, and continues as new with the next month. It stops from the exact
/// date eligibility ended (death, move, rule no longer met), paying the days before it or naming the days overpaid.
/// The first month of an allowance opened on proven data was decided, and its payment instructed, as it opened
/// (<see cref="AllowanceInput.Opening"/>): its case finds those steps done and follows settlement.
/// </summary>
public static class AllowanceOrchestration
{
    /// <summary>The orchestrator function's name.</summary>
    public const string Name = "RecurringAllowance";

    /// <summary>Runs one month, then continues as new.</summary>
    /// <exception cref="TaskFailedException">An activity failed for good.</exception>
    [Function(Name)]
    public static async Task<AllowanceResult?> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<AllowanceInput>() ?? throw new ArgumentException("The orchestration has no input.", nameof(context));
        var caseId = CaseIds.Case(input.PolicyId, input.SubjectId, input.Month);

        // A month decided (and paid) as the allowance opened is not decided again: a second decision could differ
        // (new facts, a new version) from the one the money already went out on. It is re-checked once it is run.
        var opened = input.Opening is { Case: not null } opening && opening.Case.Period == input.Month ? opening : null;
        if (opened is null)
        {
            context.SetCustomStatus(new AllowanceProgress(input.Month, "deciding", null));
        }

        var decision = opened ?? await context.CallActivityAsync<AllowanceDecision>(AllowanceActivities.Decide, input);
        long paidFen = 0;
        var paidDays = 0;
        if (decision.Case is { } monthCase)
        {
            context.SetCustomStatus(new AllowanceProgress(input.Month, decision.Kind == AllowanceDecisionKind.Review ? "in review" : "paying", caseId));
            var result = await RunMonthCaseAsync(context, monthCase, caseId);
            if (result?.Outcome == CaseOutcome.Paid)
            {
                paidFen = result.AmountFen;
                paidDays = decision.EligibleDays;
            }
        }

        if (decision.Kind == AllowanceDecisionKind.Stop)
        {
            context.SetCustomStatus(new AllowanceProgress(input.Month, "stopped", decision.Case is null ? null : caseId));
            return new AllowanceResult(decision.StopDate!, decision.Reason!, 0);
        }

        var month = PolicyPeriod.ParseMonth(input.Month);
        var next = month.End.AddDays(1);
        var nextStartUtc = next.StartUtc.UtcDateTime;

        // The opening month's facts may have changed since it was decided (a death, a move reported meanwhile): check
        // them once its case has ended, as if a change had been reported then, even when the month is already over.
        var recheckNow = opened is not null;
        while (recheckNow || context.CurrentUtcDateTime < nextStartUtc)
        {
            if (!recheckNow)
            {
                context.SetCustomStatus(new AllowanceProgress(input.Month, paidFen > 0 ? "paid; watching for changes" : decision.Kind == AllowanceDecisionKind.Outranked ? "outranked; watching for changes" : "watching for changes", caseId));
                try
                {
                    await context.WaitForExternalEvent<object?>(CaseEvents.FactsChanged, nextStartUtc - context.CurrentUtcDateTime);
                }
                catch (TaskCanceledException)
                {
                    break;
                }
            }

            recheckNow = false;
            var recheck = await context.CallActivityAsync<AllowanceRecheckResult>(AllowanceActivities.Recheck,
                new AllowanceRecheck(input.PolicyId, input.SubjectId, input.Month, paidFen, paidDays));
            if (recheck.Stopped)
            {
                if (recheck.RecoverFen > 0)
                {
                    await context.CallActivityAsync<bool>(CaseActivities.Notify, new NotifyCommand(
                        $"{context.InstanceId}|recover|{input.Month}", CaseActivities.StaffRecipientMarker, "allowance-overpaid",
                        new Dictionary<string, string> { ["policyId"] = input.PolicyId, ["month"] = input.Month, ["recoverFen"] = recheck.RecoverFen.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
                }

                context.SetCustomStatus(new AllowanceProgress(input.Month, "stopped", caseId));
                return new AllowanceResult(recheck.StopDate!, recheck.Reason!, recheck.RecoverFen);
            }
        }

        context.ContinueAsNew(input with { Month = PolicyPeriod.Month(next).Name, PaidBefore = input.PaidBefore || paidFen > 0, Opening = null });
        return null;
    }

    // A month's case may already exist (an allowance restarted after a stop): its id is taken, and it is not paid again.
    private static async Task<CaseResult?> RunMonthCaseAsync(TaskOrchestrationContext context, CaseInput monthCase, string caseId)
    {
        try
        {
            return await context.CallSubOrchestratorAsync<CaseResult>(CaseOrchestration.Name, monthCase, new SubOrchestrationOptions { InstanceId = caseId });
        }
        catch (TaskFailedException ex) when (ex.FailureDetails.ErrorType == "InstanceIdInUse")
        {
            return null;
        }
    }

    /// <summary>The month of a business date, as the allowance names it.</summary>
    public static string MonthOf(BusinessDate date) => PolicyPeriod.Month(date).Name;
}
