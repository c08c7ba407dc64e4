using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Cases.Api;

/// <summary>
/// The case listings the console pages through, as isolated-worker functions: cases, allowances, a case's payments, why
/// a case pays. The Azure Functions host loads them from <c>functions.metadata</c>; the local runtime reads the same
/// attributes. Each body calls <see cref="CaseListApi"/>.
/// </summary>
public sealed class CaseListFunctions(CaseDirectory directory, DurableTaskClient durable, CaseExplainer explainer)
{
    /// <summary>GET cases?policyId=&amp;subjectId=&amp;state=&amp;limit=&amp;continuation=: cases, a page at a time.</summary>
    /// <exception cref="RequestValidationException">A filter is malformed or the limit is out of range.</exception>
    [Function("ListCases")]
    [RequireRoles(FunctionRoles.Resident, FunctionRoles.Enterprise, FunctionRoles.Operator, FunctionRoles.Auditor)]
    public Task<Results<Ok<ListPage<CaseView>>, ProblemHttpResult>> ListCasesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cases")] HttpRequest request,
        string? policyId, string? subjectId, string? state, int? limit, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CaseListApi.ListCasesAsync(request.HttpContext.User, directory, policyId, subjectId, state, limit, continuation, cancellationToken);
    }

    /// <summary>GET allowances?policyId=&amp;subjectId=&amp;state=&amp;limit=&amp;continuation=: recurring allowances, a page at a time.</summary>
    /// <exception cref="RequestValidationException">A filter is malformed or the limit is out of range.</exception>
    [Function("ListAllowances")]
    [RequireRoles(FunctionRoles.Resident, FunctionRoles.Enterprise, FunctionRoles.Operator, FunctionRoles.Auditor)]
    public Task<Results<Ok<ListPage<AllowanceView>>, ProblemHttpResult>> ListAllowancesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "allowances")] HttpRequest request,
        string? policyId, string? subjectId, string? state, int? limit, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CaseListApi.ListAllowancesAsync(request.HttpContext.User, directory, policyId, subjectId, state, limit, continuation, cancellationToken);
    }

    /// <summary>GET cases/{policyId}/{subjectId}/{period}/payments: the case's payment attempts as the ledger holds them.</summary>
    /// <exception cref="RequestValidationException">An address part is malformed.</exception>
    [Function("ListCasePayments")]
    [RequireRoles(FunctionRoles.Resident, FunctionRoles.Enterprise, FunctionRoles.Operator, FunctionRoles.Auditor)]
    public Task<Results<Ok<IReadOnlyList<CasePayment>>, ProblemHttpResult>> PaymentsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CasesApi.CaseRoute + "/payments")] HttpRequest request,
        string policyId, string subjectId, string period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CaseListApi.PaymentsAsync(policyId, subjectId, period, request.HttpContext.User, directory, cancellationToken);
    }

    /// <summary>GET cases/{policyId}/{subjectId}/{period}/explanation: why the case pays, naming each fact and its source.</summary>
    /// <exception cref="RequestValidationException">An address part is malformed.</exception>
    [Function("ExplainCase")]
    [RequireRoles(FunctionRoles.Resident, FunctionRoles.Enterprise, FunctionRoles.Operator, FunctionRoles.Auditor, FunctionRoles.Reviewer)]
    public Task<Results<Ok<CaseExplanation>, ProblemHttpResult>> ExplainAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CasesApi.CaseRoute + "/explanation")] HttpRequest request,
        string policyId, string subjectId, string period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CaseListApi.ExplainAsync(policyId, subjectId, period, request.HttpContext.User, durable, explainer, cancellationToken);
    }
}
