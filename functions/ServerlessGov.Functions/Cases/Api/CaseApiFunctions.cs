using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ServerlessGov.Functions.Audit;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Security;
using FromBodyAttribute = Microsoft.Azure.Functions.Worker.Http.FromBodyAttribute;

namespace ServerlessGov.Functions.Cases.Api;

/// <summary>
/// One case over HTTP, as isolated-worker functions: read it, answer its intention confirmation, correct its account.
/// The Azure Functions host loads them from <c>functions.metadata</c>; the local runtime reads the same attributes.
/// Each body calls <see cref="CasesApi"/>.
/// </summary>
public sealed class CaseApiFunctions(DurableTaskClient durable, PayoutLedger ledger, AuditTrail audit, ILoggerFactory loggers)
{
    /// <summary>GET cases/{policyId}/{subjectId}/{period}: the case's stage or outcome, amount and masked payee.</summary>
    /// <exception cref="RequestValidationException">An address part is malformed.</exception>
    [Function("GetCase")]
    [RequireRoles(FunctionRoles.Resident, FunctionRoles.Operator)]
    public Task<Results<Ok<CaseView>, ProblemHttpResult>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CasesApi.CaseRoute)] HttpRequest request, string policyId, string subjectId, string period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CasesApi.GetAsync(policyId, subjectId, period, request.HttpContext.User, durable, ledger, cancellationToken);
    }

    /// <summary>POST cases/{policyId}/{subjectId}/{period}/intention: the resident's own answer; 202, 404 or 409.</summary>
    /// <exception cref="RequestValidationException">An address part is malformed, or <c>confirmed</c> is missing.</exception>
    [Function("AnswerCaseIntention")]
    [RequireRoles(FunctionRoles.Resident)]
    public Task<Results<Accepted<CaseView>, ProblemHttpResult>> AnswerIntentionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = CasesApi.CaseRoute + "/intention")] HttpRequest request,
        string policyId, string subjectId, string period, [FromBody] IntentionAnswerRequest body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CasesApi.AnswerIntentionAsync(policyId, subjectId, period, body, request.HttpContext.User, durable, ledger, audit, loggers, cancellationToken);
    }

    /// <summary>POST cases/{policyId}/{subjectId}/{period}/account: the account to pay after a failed or returned payment; 202, 404 or 409.</summary>
    /// <exception cref="RequestValidationException">An address part or <c>payeeAccount</c> is malformed.</exception>
    [Function("CorrectCaseAccount")]
    [RequireRoles(FunctionRoles.Resident, FunctionRoles.Operator)]
    public Task<Results<Accepted<CaseView>, ProblemHttpResult>> CorrectAccountAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = CasesApi.CaseRoute + "/account")] HttpRequest request,
        string policyId, string subjectId, string period, [FromBody] AccountCorrectionRequest body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CasesApi.CorrectAccountAsync(policyId, subjectId, period, body, request.HttpContext.User, durable, ledger, audit, loggers, cancellationToken);
    }
}
