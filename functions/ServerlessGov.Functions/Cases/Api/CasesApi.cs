using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Audit;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Cases.Api;

/// <summary>
/// What the case HTTP functions a resident (and an operator) uses do (<see cref="CaseApiFunctions"/>): read a case, answer
/// its intention confirmation (告知承诺), give a corrected account after a failed or returned payment. A case is addressed
/// by (policy, subject, period), its natural key; a resident may act only on a case whose subject is the token's <c>sub</c> claim.
/// </summary>
public static class CasesApi
{
    /// <summary>The route of one case under the host's prefix.</summary>
    public const string CaseRoute = "cases/{policyId}/{subjectId}/{period}";

    private const int MaxCorrectionAttemptsShown = 20;

    /// <summary>GET cases/{policyId}/{subjectId}/{period}: the case's stage or outcome, amount and masked payee.</summary>
    /// <exception cref="RequestValidationException">An address part is malformed.</exception>
    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> GetAsync(
        string policyId, string subjectId, string period, ClaimsPrincipal user, DurableTaskClient durable, PayoutLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var caseId = Address(policyId, subjectId, period);
        if (Forbidden(user, subjectId, operatorMayAct: true) is { } forbidden)
        {
            return forbidden;
        }

        var instance = await FindAsync(durable, caseId, cancellationToken).ConfigureAwait(false);
        return instance is null ? NotFound(caseId) : TypedResults.Ok(await ViewAsync(instance, policyId, subjectId, period, ledger, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// POST cases/{policyId}/{subjectId}/{period}/intention: the resident's own answer (never an operator's). 202 with
    /// the case; 404 when there is no such case; 409 when it is not waiting for a confirmation (answered, expired, ended).
    /// </summary>
    /// <exception cref="RequestValidationException">An address part is malformed, or <c>confirmed</c> is missing.</exception>
    public static async Task<Results<Accepted<CaseView>, ProblemHttpResult>> AnswerIntentionAsync(
        string policyId, string subjectId, string period, IntentionAnswerRequest body, ClaimsPrincipal user,
        DurableTaskClient durable, PayoutLedger ledger, AuditTrail audit, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(loggers);
        var caseId = Address(policyId, subjectId, period);
        var confirmed = body?.Confirmed ?? throw new RequestValidationException("confirmed", "is required: true to be paid, false to decline");
        if (Forbidden(user, subjectId, operatorMayAct: false) is { } forbidden)
        {
            return forbidden;
        }

        var instance = await FindAsync(durable, caseId, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return NotFound(caseId);
        }

        if (CaseProgress.Of(instance) is not { Stage: CaseStage.AwaitingConfirmation })
        {
            return NotWaiting(instance, "an intention confirmation");
        }

        await durable.RaiseEventAsync(caseId, CaseEvents.IntentionAnswered, new IntentionAnswer(confirmed), cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(AuditStream(caseId), new AuditEntry(subjectId, FunctionRoles.Resident, "case.intention-answered", caseId, null, confirmed ? "confirmed" : "declined"), cancellationToken).ConfigureAwait(false);
        var logger = loggers.CreateLogger(typeof(CasesApi));
        Log.IntentionAnswered(logger, policyId, confirmed);
        return TypedResults.Accepted(Location(policyId, subjectId, period), await ViewAsync(instance, policyId, subjectId, period, ledger, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// POST cases/{policyId}/{subjectId}/{period}/account: the account to pay after a failed or returned payment, from
    /// the resident or an operator on their behalf. 202 with the case; 404 when there is no such case; 409 when it is
    /// not waiting for a corrected account. The case pays again under a new payout key; the failed payout stays final.
    /// </summary>
    /// <exception cref="RequestValidationException">An address part or <c>payeeAccount</c> is malformed.</exception>
    public static async Task<Results<Accepted<CaseView>, ProblemHttpResult>> CorrectAccountAsync(
        string policyId, string subjectId, string period, AccountCorrectionRequest body, ClaimsPrincipal user,
        DurableTaskClient durable, PayoutLedger ledger, AuditTrail audit, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(durable);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(loggers);
        var caseId = Address(policyId, subjectId, period);
        var account = body?.PayeeAccount;
        if (!PayeeAccount.IsValid(account, out var rule))
        {
            throw new RequestValidationException("payeeAccount", rule);
        }

        if (Forbidden(user, subjectId, operatorMayAct: true) is { } forbidden)
        {
            return forbidden;
        }

        var instance = await FindAsync(durable, caseId, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return NotFound(caseId);
        }

        if (CaseProgress.Of(instance) is not { Stage: CaseStage.PaymentFailed } progress)
        {
            return NotWaiting(instance, "a corrected account");
        }

        await durable.RaiseEventAsync(caseId, CaseEvents.AccountCorrected, new AccountCorrection(account!, progress.Attempt), cancellationToken).ConfigureAwait(false);
        var role = user.IsInRole(FunctionRoles.Operator) ? FunctionRoles.Operator : FunctionRoles.Resident;
        var actor = user.FindFirstValue("sub") ?? role;
        await audit.AppendAsync(AuditStream(caseId), new AuditEntry(actor, role, "case.account-corrected", caseId, null, PayeeAccountMask.Mask(account!)), cancellationToken).ConfigureAwait(false);
        var logger = loggers.CreateLogger(typeof(CasesApi));
        Log.AccountCorrected(logger, policyId, role);
        return TypedResults.Accepted(Location(policyId, subjectId, period), await ViewAsync(instance, policyId, subjectId, period, ledger, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The audit stream of a case's resident and operator actions.</summary>
    public static string AuditStream(string caseId) => "case-" + caseId;

    private static string Address(string policyId, string subjectId, string period)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(policyId) || policyId.Length > 64 || !policyId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            errors["policyId"] = ["is a policy id: 1-64 of a-z, 0-9 and '-'"];
        }

        try
        {
            _ = new SubjectId(subjectId);
        }
        catch (ArgumentException ex)
        {
            errors["subjectId"] = [ex.Message.Split(" (Parameter", 2)[0]];
        }

        if (!IsPeriod(period))
        {
            errors["period"] = ["is 'once', a year (2026) or a month (2026-11)"];
        }

        return errors.Count == 0 ? CaseIds.Case(policyId, subjectId, period) : throw new RequestValidationException(errors);
    }

    private static bool IsPeriod(string period) =>
        period == Runs.PolicyPeriod.Once
        || (period.Length == 4 && int.TryParse(period, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        || (period.Length == 7 && DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));

    private static ProblemHttpResult? Forbidden(ClaimsPrincipal user, string subjectId, bool operatorMayAct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (operatorMayAct && user.IsInRole(FunctionRoles.Operator))
        {
            return null;
        }

        var caller = user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier);
        return user.IsInRole(FunctionRoles.Resident) && string.Equals(caller, subjectId, StringComparison.Ordinal)
            ? null
            : TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Not your case",
                detail: operatorMayAct
                    ? "A resident may act only on a case whose subject is the token's subject (sub); operators may act on any case."
                    : "Only the resident the case pays (the token's subject, sub) may answer its intention confirmation.");
    }

    private static async Task<OrchestrationMetadata?> FindAsync(DurableTaskClient durable, string caseId, CancellationToken cancellationToken) =>
        await durable.GetInstanceAsync(caseId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false) is { Name: CaseOrchestration.Name } instance ? instance : null;

    private static ProblemHttpResult NotFound(string caseId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Case not found", detail: $"There is no case {caseId}: it was never opened (not eligible yet, or another period).");

    private static ProblemHttpResult NotWaiting(OrchestrationMetadata instance, string what)
    {
        var where = !instance.IsCompleted
            ? $"is at stage {CaseProgress.Of(instance)?.Stage.ToString() ?? "Pending"}"
            : $"has ended ({instance.ReadOutputAs<CaseResult>()?.Outcome.ToString() ?? instance.RuntimeStatus.ToString()})";
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The case is not waiting for this",
            detail: $"Case {instance.InstanceId} {where}; it is not waiting for {what}.");
    }

    private static string Location(string policyId, string subjectId, string period) =>
        $"/api/cases/{Uri.EscapeDataString(policyId)}/{Uri.EscapeDataString(subjectId)}/{Uri.EscapeDataString(period)}";

    private static async Task<CaseView> ViewAsync(OrchestrationMetadata instance, string policyId, string subjectId, string period, PayoutLedger ledger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        PayoutRecord? latest = null;
        for (var attempt = 0; attempt < MaxCorrectionAttemptsShown; attempt++)
        {
            var payoutPeriod = attempt == 0 ? period : string.Create(CultureInfo.InvariantCulture, $"{period}-r{attempt}");
            if (await ledger.GetAsync(new PayoutKey(policyId, new SubjectId(subjectId), payoutPeriod), cancellationToken).ConfigureAwait(false) is not { } record)
            {
                break;
            }

            latest = record;
        }

        var account = latest?.Payee.Value ?? instance.ReadInputAs<CaseInput>()?.PayeeAccount;
        return CaseView.Of(instance, account is null ? null : PayeeAccountMask.Mask(account));
    }
}
