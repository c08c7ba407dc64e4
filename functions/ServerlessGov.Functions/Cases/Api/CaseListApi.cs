using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using ServerlessGov.Domain.Values;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Cases.Api;

/// <summary>
/// What the listings the console pages through answer (<see cref="CaseListFunctions"/>): cases and allowances by
/// policy, subject and state; a case's payments; why a case pays. Residents and enterprises see only their own (their
/// token's <c>sub</c>); operators and auditors see all.
/// </summary>
public static class CaseListApi
{
    /// <summary>How many items a page holds unless <c>limit</c> says otherwise.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The longest continuation token accepted.</summary>
    public const int MaxContinuationLength = 2048;

    /// <summary>GET cases?policyId=&amp;subjectId=&amp;state=&amp;limit=&amp;continuation=: cases, a page at a time.</summary>
    /// <exception cref="RequestValidationException">A filter is malformed or the limit is out of range.</exception>
    public static async Task<Results<Ok<ListPage<CaseView>>, ProblemHttpResult>> ListCasesAsync(
        ClaimsPrincipal user, CaseDirectory directory, string? policyId, string? subjectId, string? state, int? limit, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var query = Query.Read(policyId, subjectId, state, limit, continuation);
        if (Scope(user, query.SubjectId, out var subject) is { } forbidden)
        {
            return forbidden;
        }

        return TypedResults.Ok(await directory.ListCasesAsync(query.PolicyId, subject, query.State, query.Limit, query.Continuation, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>GET allowances?policyId=&amp;subjectId=&amp;state=&amp;limit=&amp;continuation=: recurring allowances, a page at a time.</summary>
    /// <exception cref="RequestValidationException">A filter is malformed or the limit is out of range.</exception>
    public static async Task<Results<Ok<ListPage<AllowanceView>>, ProblemHttpResult>> ListAllowancesAsync(
        ClaimsPrincipal user, CaseDirectory directory, string? policyId, string? subjectId, string? state, int? limit, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var query = Query.Read(policyId, subjectId, state, limit, continuation);
        if (Scope(user, query.SubjectId, out var subject) is { } forbidden)
        {
            return forbidden;
        }

        return TypedResults.Ok(await directory.ListAllowancesAsync(query.PolicyId, subject, query.State, query.Limit, query.Continuation, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>GET cases/{policyId}/{subjectId}/{period}/payments: the case's payment attempts as the ledger holds them.</summary>
    /// <exception cref="RequestValidationException">An address part is malformed.</exception>
    public static async Task<Results<Ok<IReadOnlyList<CasePayment>>, ProblemHttpResult>> PaymentsAsync(
        string policyId, string subjectId, string period, ClaimsPrincipal user, CaseDirectory directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Query.Read(policyId, subjectId, null, null, null);
        Query.RequirePeriod(period);
        if (Scope(user, subjectId, out _) is { } forbidden)
        {
            return forbidden;
        }

        return TypedResults.Ok(await directory.PaymentsAsync(policyId, subjectId, period, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>GET cases/{policyId}/{subjectId}/{period}/explanation: why the case pays, naming each fact and its source.</summary>
    /// <exception cref="RequestValidationException">An address part is malformed.</exception>
    public static async Task<Results<Ok<CaseExplanation>, ProblemHttpResult>> ExplainAsync(
        string policyId, string subjectId, string period, ClaimsPrincipal user, DurableTaskClient durable, CaseExplainer explainer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        ArgumentNullException.ThrowIfNull(explainer);
        Query.Read(policyId, subjectId, null, null, null);
        Query.RequirePeriod(period);
        if (Scope(user, subjectId, out _, FunctionRoles.Reviewer) is { } forbidden)
        {
            return forbidden;
        }

        var caseId = CaseIds.Case(policyId, subjectId, period);
        var explanation = await durable.GetInstanceAsync(caseId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false) is { Name: CaseFlow.CaseOrchestration.Name } instance
            ? await explainer.ExplainAsync(CaseView.Of(instance, null), cancellationToken).ConfigureAwait(false)
            : null;
        return explanation is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Case not found", detail: $"There is no case {caseId} to explain.")
            : TypedResults.Ok(explanation);
    }

    // Staff see any subject; a resident or an enterprise only its own, and a listing without a subject means its own.
    private static ProblemHttpResult? Scope(ClaimsPrincipal user, string? asked, out string? subject, params string[] staffAlso)
    {
        ArgumentNullException.ThrowIfNull(user);
        subject = asked;
        if (user.IsInRole(FunctionRoles.Operator) || user.IsInRole(FunctionRoles.Auditor) || staffAlso.Any(user.IsInRole))
        {
            return null;
        }

        var caller = user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier);
        subject ??= caller;
        return caller is not null && string.Equals(caller, subject, StringComparison.Ordinal)
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your case",
                detail: "A resident or an enterprise sees only its own cases (the token's subject, sub); operators and auditors see every case.");
    }

    private sealed record Query(string? PolicyId, string? SubjectId, string? State, int Limit, string? Continuation)
    {
        public static Query Read(string? policyId, string? subjectId, string? state, int? limit, string? continuation)
        {
            var errors = new Dictionary<string, string[]>();
            if (policyId is not null && (policyId.Length is < 3 or > 64 || !policyId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            {
                errors["policyId"] = ["is a policy id: 3-64 of a-z, 0-9 and '-'"];
            }

            if (subjectId is not null && !IsSubjectId(subjectId))
            {
                errors["subjectId"] = ["is a pseudonymous subject id (r-…, h-…, e-…), never an identity number"];
            }

            if (state is not null && (state.Length is < 1 or > 32 || !state.All(char.IsAsciiLetter)))
            {
                errors["state"] = ["is a status, stage or outcome name: 1-32 letters (Running, AwaitingConfirmation, PaymentFailed, Paid …)"];
            }

            if (limit is < 1 or > CaseDirectory.MaxPageSize)
            {
                errors["limit"] = [$"must be between 1 and {CaseDirectory.MaxPageSize}"];
            }

            if (continuation is { Length: 0 or > MaxContinuationLength })
            {
                errors["continuation"] = [$"is the token of the previous page: 1-{MaxContinuationLength} characters"];
            }

            return errors.Count == 0 ? new Query(policyId, subjectId, state, limit ?? DefaultLimit, continuation) : throw new RequestValidationException(errors);
        }

        private static bool IsSubjectId(string value)
        {
            try
            {
                _ = new SubjectId(value);
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        public static void RequirePeriod(string period)
        {
            var ok = period == Runs.PolicyPeriod.Once
                || (period.Length == 4 && period.All(char.IsAsciiDigit))
                || (period.Length == 7 && DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", out _));
            if (!ok)
            {
                throw new RequestValidationException("period", "is 'once', a year (2026) or a month (2026-11)");
            }
        }
    }
}
