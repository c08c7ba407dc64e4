using Microsoft.Extensions.Logging;
using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Durable;
using ServerlessGov.Functions.Cases.Allowances;
using ServerlessGov.Functions.Cases.Budgets;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Reviews;
using ServerlessGov.Storage;

namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>
/// Opens the orchestration a relevant decision leads to, under its deterministic id: the case (policy, subject,
/// period) for one-off and per-event policies, the eternal allowance (policy, subject) for monthly ones. Starting an
/// id that exists returns the existing instance, so every trigger may call this as often as it likes. A case the data
/// proved and nobody has to confirm, or the first month of such an allowance, has its payment instructed as it opens
/// (<see cref="PaymentOnOpen"/>).
/// </summary>
public sealed class CaseStarter
{
    private readonly DurableTaskClient _client;
    private readonly PaymentOnOpen _payment;
    private readonly ReviewWorklist _reviews;
    private readonly ILogger<CaseStarter> _logger;

    public CaseStarter(DurableTaskClient client, PaymentOnOpen payment, ReviewWorklist reviews, ILogger<CaseStarter> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(reviews);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _payment = payment;
        _reviews = reviews;
        _logger = logger;
    }

    /// <summary>Starts (or finds) the orchestration for a case; returns its instance id.</summary>
    /// <param name="policy">The policy version the subject was evaluated against.</param>
    /// <param name="input">The case the decision leads to (for a monthly policy: its month's case).</param>
    /// <param name="eligibleDays">The decision's eligible days when its amount was prorated by day (monthly policies), else null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="StorageException">The store failed.</exception>
    /// <exception cref="Payouts.IdempotencyKeyConflictException">The bank holds another amount under the case's payout key.</exception>
    public async Task<string> StartAsync(PolicyDocument policy, CaseInput input, int? eligibleDays, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(input);
        if (policy.Schedule.Kind == ScheduleKind.Monthly)
        {
            return await StartAllowanceAsync(policy, input, eligibleDays, cancellationToken).ConfigureAwait(false);
        }

        var id = CaseIds.Case(input.PolicyId, input.SubjectId, input.Period);

        // Work done on open is done only for a case that does not exist yet (one read, asked only when there is such
        // work). Only a case opened now is paid here: one that exists may have ended (declined, rejected) and released
        // its budget. A new case on the review track gets its item now (idempotent per review key) and carries it in
        // its input, so its first episode arms the ladder's first timer and rests: one engine work item instead of three.
        var openReview = input.Track == CaseTrack.Review && input.Review is null;
        var isNew = (PaymentOnOpen.Applies(input) || openReview) && await _client.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false) is null;
        var payNow = isNew && PaymentOnOpen.Applies(input);
        if (isNew && openReview)
        {
            var request = CaseOrchestration.ReviewRequestFor(id, input, ReviewReasonKind.UnknownFacts, attempt: 0);
            input = input with { Review = await _reviews.OpenWithStepsAsync(request, cancellationToken).ConfigureAwait(false) };
        }

        await _client.ScheduleNewOrchestrationInstanceAsync(CaseOrchestration.Name, input, new StartOrchestrationOptions(id), cancellationToken).ConfigureAwait(false);
        if (payNow)
        {
            await InstructAsync(id, input, cancellationToken).ConfigureAwait(false);
        }

        return id;
    }

    // The allowance carries the decision as its first month (AllowanceInput.Opening) and runs that month's case from
    // it. Only a new allowance whose month case does not exist is paid here: an allowance that existed (running, or
    // stopped: its id is never started again) decides its months itself, and a month case that exists was decided
    // before. What is paid is the opening stored in the allowance the start found, not this call's: when two starts
    // race, both instruct the winner's decision, the one its month case will run with.
    private async Task<string> StartAllowanceAsync(PolicyDocument policy, CaseInput input, int? eligibleDays, CancellationToken cancellationToken)
    {
        var id = CaseIds.Allowance(input.PolicyId, input.SubjectId);
        var monthCaseId = CaseIds.Case(input.PolicyId, input.SubjectId, input.Period);
        AllowanceDecision? opening = null;
        if (PaymentOnOpen.Applies(input)
            && PolicyPeriod.ParseMonth(input.Period).Within(policy) is { } month
            && await _client.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false) is null
            && await _client.GetInstanceAsync(monthCaseId, cancellationToken).ConfigureAwait(false) is null)
        {
            opening = new AllowanceDecision(AllowanceDecisionKind.Pay, input, null, null, month.DaysPaid(eligibleDays));
        }

        await _client.ScheduleNewOrchestrationInstanceAsync(AllowanceOrchestration.Name,
            new AllowanceInput(input.PolicyId, input.SubjectId, input.Period, PaidBefore: false, opening),
            new StartOrchestrationOptions(id), cancellationToken).ConfigureAwait(false);
        if (opening is not null
            && (await _client.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false))?.ReadInputAs<AllowanceInput>()?.Opening?.Case is { } opened
            && opened.Period == input.Period)
        {
            await InstructAsync(monthCaseId, opened, cancellationToken).ConfigureAwait(false);
        }

        return id;
    }

    private async Task InstructAsync(string caseInstanceId, CaseInput input, CancellationToken cancellationToken)
    {
        try
        {
            await _payment.InstructAsync(caseInstanceId, input, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex)
        {
            // The case is open (or its allowance will open it): its orchestration takes the same steps and pays.
            Log.PaymentOnOpenDeferred(_logger, input.PolicyId, ex.Kind.ToString());
        }
        catch (BudgetContentionException)
        {
            // Nothing was reserved: the orchestration reserves (its activity retries) and pays. Failing here would fail
            // the shard evaluation and cancel the other cases it is opening.
            Log.PaymentOnOpenDeferred(_logger, input.PolicyId, "budget contention");
        }
    }
}
