using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Policies;
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
/// proved and nobody has to confirm, or the first month of such an allowance, has its payment instructed as it opens;
/// a proven case whose resident must confirm is asked as it opens (<see cref="PaymentOnOpen"/>).
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

    /// <summary>The instance a decision of <paramref name="policy"/> opens: the allowance of a monthly policy, else the period's case.</summary>
    public static string InstanceIdFor(PolicyDocument policy, string subjectId, string period)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Schedule.Kind == ScheduleKind.Monthly ? CaseIds.Allowance(policy.Id, subjectId) : CaseIds.Case(policy.Id, subjectId, period);
    }

    /// <summary>Starts (or finds) the orchestration for a case; returns its instance id.</summary>
    /// <param name="policy">The policy version the subject was evaluated against.</param>
    /// <param name="input">The case the decision leads to (for a monthly policy: its month's case).</param>
    /// <param name="eligibleDays">The decision's eligible days when its amount was prorated by day (monthly policies), else null.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="StorageException">The store failed.</exception>
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
        // work): one that exists may have ended (declined, rejected) and released its budget. The work is done before
        // the case starts, and the case starts with what it found, so its orchestration skips those steps:
        // - a proven case nobody has to confirm is paid, and the case only follows settlement;
        // - a proven case whose resident must confirm is asked, and the case only waits for the answer;
        // - a case on the review track gets its item (idempotent per review key), and the case arms its first timer.
        // If this process dies between the work and the start, the shard or message that called it is retried: the
        // work is repeated under the same keys, found done, and the case starts.
        // A case that exists is returned as it is (the start would only find it again).
        var openReview = input.Track == CaseTrack.Review && input.Review is null;
        var payNow = PaymentOnOpen.Applies(input) && input.OpenedPayment is null;
        var askNow = PaymentOnOpen.AsksOnOpen(input) && input.ConfirmationAskedAt is null;
        if (payNow || openReview || askNow)
        {
            if (await _client.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false) is not null)
            {
                return id;
            }

            if (openReview)
            {
                var request = CaseOrchestration.ReviewRequestFor(id, input, ReviewReasonKind.UnknownFacts, attempt: 0);
                input = input with { Review = await _reviews.OpenWithStepsAsync(request, cancellationToken).ConfigureAwait(false) };
            }
            else if (askNow)
            {
                input = input with { ConfirmationAskedAt = await AskAsync(id, input, cancellationToken).ConfigureAwait(false) };
            }
            else
            {
                input = input with { OpenedPayment = await InstructAsync(id, input, cancellationToken).ConfigureAwait(false) };
            }
        }

        await _client.StartOnceAsync(CaseOrchestration.Name, input, id, cancellationToken).ConfigureAwait(false);
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

        await _client.StartOnceAsync(AllowanceOrchestration.Name,
            new AllowanceInput(input.PolicyId, input.SubjectId, input.Period, PaidBefore: false, opening),
            id, cancellationToken).ConfigureAwait(false);
        if (opening is not null
            && (await _client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false))?.ReadInputAs<AllowanceInput>()?.Opening?.Case is { } opened
            && opened.Period == input.Period)
        {
            await InstructAsync(monthCaseId, opened, cancellationToken).ConfigureAwait(false);
        }

        return id;
    }

    private Task<DateTimeOffset?> AskAsync(string caseInstanceId, CaseInput input, CancellationToken cancellationToken) =>
        OrLeftToTheCaseAsync(() => _payment.AskForConfirmationAsync(caseInstanceId, input, cancellationToken), input.PolicyId);

    private Task<PaymentSnapshot?> InstructAsync(string caseInstanceId, CaseInput input, CancellationToken cancellationToken) =>
        OrLeftToTheCaseAsync(() => _payment.InstructAsync(caseInstanceId, input, cancellationToken), input.PolicyId);

    // What the work did is in the case's name: when it fails, the case's orchestration takes the same steps, finds what
    // was done and does the rest. Failing here would fail the shard evaluation and cancel the other cases it opens.
    private async Task<T?> OrLeftToTheCaseAsync<T>(Func<Task<T?>> work, string policyId)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (StorageException ex)
        {
            Log.PaymentOnOpenDeferred(_logger, policyId, ex.Kind.ToString());
        }
        catch (BudgetContentionException)
        {
            Log.PaymentOnOpenDeferred(_logger, policyId, "budget contention");
        }

        return default;
    }
}
