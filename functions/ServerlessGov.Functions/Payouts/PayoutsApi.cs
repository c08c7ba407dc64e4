using Microsoft.AspNetCore.Http.HttpResults;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.Api;
using ServerlessGov.Functions.Payouts.Reconciliation;
using ServerlessGov.Hosting.Http;

namespace ServerlessGov.Functions.Payouts;

/// <summary>What operators and auditors read of the money: the ledger a page at a time, and its reconciliation with the bank (JSON and CSV); <see cref="PayoutsFunctions"/> declares the routes and roles.</summary>
public static class PayoutsApi
{
    /// <summary>The most records one page holds.</summary>
    public const int MaxPageSize = 200;

    /// <summary>GET payouts?policyId=&amp;subjectId=&amp;state=&amp;limit=&amp;continuation=: ledger records, a page at a time.</summary>
    /// <exception cref="RequestValidationException">A filter is malformed or the limit is out of range.</exception>
    public static async Task<Ok<ListPage<PayoutView>>> ListAsync(
        PayoutLedger ledger, string? policyId, string? subjectId, string? state, int? limit, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var errors = new Dictionary<string, string[]>();
        if (policyId is not null && (policyId.Length is < 3 or > 64 || !policyId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            errors["policyId"] = ["is a policy id: 3-64 of a-z, 0-9 and '-'"];
        }

        if (subjectId is not null && !IsSubjectId(subjectId))
        {
            errors["subjectId"] = ["is a pseudonymous subject id (r-…, e-…), never an identity number"];
        }

        PayoutState? wanted = null;
        if (state is not null)
        {
            if (Enum.TryParse<PayoutState>(state, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(state[0]))
            {
                wanted = parsed;
            }
            else
            {
                errors["state"] = ["must be one of " + string.Join(", ", Enum.GetNames<PayoutState>())];
            }
        }

        if (limit is < 1 or > MaxPageSize)
        {
            errors["limit"] = [$"must be between 1 and {MaxPageSize}"];
        }

        if (continuation is { Length: 0 or > CaseListApi.MaxContinuationLength })
        {
            errors["continuation"] = [$"is the token of the previous page: 1-{CaseListApi.MaxContinuationLength} characters"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var (records, token) = await ledger.QueryAsync(policyId, subjectId, wanted, limit ?? CaseListApi.DefaultLimit, continuation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ListPage<PayoutView>(records.Select(PayoutView.Of).ToList(), token));
    }

    /// <summary>GET payouts/reconciliation?date=yyyy-MM-dd: the ledger against the bank's statement for one business day (default today, Asia/Shanghai).</summary>
    /// <exception cref="RequestValidationException">The date is malformed.</exception>
    public static async Task<Ok<ReconciliationReport>> ReconcileAsync(LedgerReconciliation reconciliation, TimeProvider time, string? date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reconciliation);
        return TypedResults.Ok(await reconciliation.ReconcileAsync(Day(date, time), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>GET payouts/reconciliation.csv?date=yyyy-MM-dd: the same as CSV, for a spreadsheet or the bank.</summary>
    /// <exception cref="RequestValidationException">The date is malformed.</exception>
    public static async Task<IResult> ExportAsync(LedgerReconciliation reconciliation, TimeProvider time, string? date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reconciliation);
        var day = Day(date, time);
        var report = await reconciliation.ReconcileAsync(day, cancellationToken).ConfigureAwait(false);
        return TypedResults.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(LedgerReconciliation.ToCsv(report))).ToArray(),
            "text/csv; charset=utf-8", $"reconciliation-{day}.csv");
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

    private static BusinessDate Day(string? date, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (date is null)
        {
            return BusinessDate.Today(time);
        }

        return date.Length == 10 && DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            ? new BusinessDate(day)
            : throw new RequestValidationException("date", "is a business date, yyyy-MM-dd");
    }
}
