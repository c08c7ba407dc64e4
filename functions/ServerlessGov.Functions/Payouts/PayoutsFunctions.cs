using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using ServerlessGov.Functions.Cases.Api;
using ServerlessGov.Functions.Payouts.Reconciliation;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Payouts;

/// <summary>
/// The ledger and its reconciliation as isolated-worker functions, for operators and auditors. The Azure Functions host
/// loads them from <c>functions.metadata</c>; the local runtime reads the same attributes. Each body calls <see cref="PayoutsApi"/>.
/// </summary>
public sealed class PayoutsFunctions(PayoutLedger ledger, LedgerReconciliation reconciliation, TimeProvider time)
{
    /// <summary>GET payouts?policyId=&amp;subjectId=&amp;state=&amp;limit=&amp;continuation=: ledger records, a page at a time.</summary>
    /// <exception cref="RequestValidationException">A filter is malformed or the limit is out of range.</exception>
    [Function("ListPayouts")]
    [RequireRoles(FunctionRoles.Operator, FunctionRoles.Auditor)]
    public Task<Ok<ListPage<PayoutView>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payouts")] HttpRequest request,
        string? policyId, string? subjectId, string? state, int? limit, string? continuation, CancellationToken cancellationToken) =>
        PayoutsApi.ListAsync(ledger, policyId, subjectId, state, limit, continuation, cancellationToken);

    /// <summary>GET payouts/reconciliation?date=yyyy-MM-dd: the ledger against the bank's statement for one business day.</summary>
    /// <exception cref="RequestValidationException">The date is malformed.</exception>
    [Function("ReconcilePayouts")]
    [RequireRoles(FunctionRoles.Operator, FunctionRoles.Auditor)]
    public Task<Ok<ReconciliationReport>> ReconcileAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payouts/reconciliation")] HttpRequest request, string? date, CancellationToken cancellationToken) =>
        PayoutsApi.ReconcileAsync(reconciliation, time, date, cancellationToken);

    /// <summary>GET payouts/reconciliation.csv?date=yyyy-MM-dd: the same as CSV.</summary>
    /// <exception cref="RequestValidationException">The date is malformed.</exception>
    [Function("ExportPayoutReconciliation")]
    [RequireRoles(FunctionRoles.Operator, FunctionRoles.Auditor)]
    public Task<IResult> ExportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "payouts/reconciliation.csv")] HttpRequest request, string? date, CancellationToken cancellationToken) =>
        PayoutsApi.ExportAsync(reconciliation, time, date, cancellationToken);
}
