using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessGov.Domain.Serialization.Policies;
using ServerlessGov.Functions.Policies.Api;
using ServerlessGov.Functions.Policies.DryRun;
using ServerlessGov.Functions.Policies.Views;
using ServerlessGov.Hosting.Security;
using FromBodyAttribute = Microsoft.Azure.Functions.Worker.Http.FromBodyAttribute;

namespace ServerlessGov.Functions.Policies;

/// <summary>
/// The policy lifecycle as isolated-worker functions: the HTTP API with its roles, and the timer that relays changes a
/// crash left pending. The Azure Functions host loads them from <c>functions.metadata</c>; the local runtime reads the
/// same attributes. Each body calls <see cref="PolicyApi"/> or <see cref="PolicyLifecycle"/>.
/// </summary>
public sealed class PolicyFunctions(PolicyLifecycle lifecycle)
{
    /// <summary>GET policies: every policy with its draft and versions.</summary>
    [Function("ListPolicies")]
    [RequireRoles(FunctionRoles.PolicyAuthor, FunctionRoles.Supervisor, FunctionRoles.Auditor)]
    public Task<Ok<IReadOnlyList<PolicySummary>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "policies")] HttpRequest request, CancellationToken cancellationToken) =>
        PolicyApi.ListAsync(lifecycle, cancellationToken);

    /// <summary>POST policies/drafts: the body is the policy document, kept as sent; 201 with the draft and its ETag.</summary>
    [Function("CreatePolicyDraft")]
    [RequireRoles(FunctionRoles.PolicyAuthor)]
    [Consumes(typeof(PolicyDto), "application/json")]
    public async Task<Results<Created<PolicyDraftView>, ValidationProblem, ProblemHttpResult>> CreateDraftAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "policies/drafts")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var document = await PolicyDocumentBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        return await PolicyApi.CreateDraftAsync(document, request.HttpContext, lifecycle).ConfigureAwait(false);
    }

    /// <summary>POST policies/validate: checks a document without storing it.</summary>
    [Function("ValidatePolicyDocument")]
    [RequireRoles(FunctionRoles.PolicyAuthor)]
    [Consumes(typeof(PolicyDto), "application/json")]
    public async Task<Results<Ok<ValidationReport>, ValidationProblem>> ValidateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "policies/validate")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PolicyApi.Validate(await PolicyDocumentBody.ReadAsync(request, cancellationToken).ConfigureAwait(false), lifecycle);
    }

    /// <summary>GET policies/{policyId}/draft: the draft with its ETag.</summary>
    [Function("GetPolicyDraft")]
    [RequireRoles(FunctionRoles.PolicyAuthor, FunctionRoles.Supervisor)]
    public Task<Results<Ok<PolicyDraftView>, ProblemHttpResult>> GetDraftAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "policies/{policyId}/draft")] HttpRequest request, string policyId)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PolicyApi.GetDraftAsync(policyId, request.HttpContext, lifecycle);
    }

    /// <summary>PUT policies/{policyId}/draft with <c>If-Match</c>: replaces the draft's document.</summary>
    [Function("UpdatePolicyDraft")]
    [RequireRoles(FunctionRoles.PolicyAuthor)]
    [Consumes(typeof(PolicyDto), "application/json")]
    public async Task<Results<Ok<PolicyDraftView>, ValidationProblem, ProblemHttpResult>> UpdateDraftAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "policies/{policyId}/draft")] HttpRequest request, string policyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var document = await PolicyDocumentBody.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        return await PolicyApi.UpdateDraftAsync(policyId, document, IfMatch(request), request.HttpContext, lifecycle).ConfigureAwait(false);
    }

    /// <summary>DELETE policies/{policyId}/draft with <c>If-Match</c>: discards the draft.</summary>
    [Function("DiscardPolicyDraft")]
    [RequireRoles(FunctionRoles.PolicyAuthor)]
    public Task<Results<NoContent, ProblemHttpResult>> DiscardDraftAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "policies/{policyId}/draft")] HttpRequest request, string policyId) =>
        PolicyApi.DiscardDraftAsync(policyId, IfMatch(request), request.HttpContext, lifecycle);

    /// <summary>POST policies/{policyId}/draft/validate: checks the stored draft.</summary>
    [Function("ValidatePolicyDraft")]
    [RequireRoles(FunctionRoles.PolicyAuthor)]
    public Task<Results<Ok<ValidationReport>, ValidationProblem, ProblemHttpResult>> ValidateDraftAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "policies/{policyId}/draft/validate")] HttpRequest request, string policyId, CancellationToken cancellationToken) =>
        PolicyApi.ValidateDraftAsync(policyId, lifecycle, cancellationToken);

    /// <summary>POST policies/{policyId}/draft/dry-run?samples=: the draft against the current population, without paying anyone.</summary>
    [Function("DryRunPolicyDraft")]
    [RequireRoles(FunctionRoles.PolicyAuthor)]
    public Task<Results<Ok<DryRunReport>, ValidationProblem, ProblemHttpResult>> DryRunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "policies/{policyId}/draft/dry-run")] HttpRequest request, string policyId, int? samples, CancellationToken cancellationToken) =>
        PolicyApi.DryRunAsync(policyId, samples, lifecycle, cancellationToken);

    /// <summary>POST policies/{policyId}/publish with <c>If-Match</c> and an optional body: publishes the draft as the next version.</summary>
    [Function("PublishPolicy")]
    [RequireRoles(FunctionRoles.PolicyAuthor)]
    public Task<Results<Created<PolicyVersionView>, ValidationProblem, ProblemHttpResult>> PublishAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "policies/{policyId}/publish")] HttpRequest request, string policyId, [FromBody] PublishRequest? body) =>
        PolicyApi.PublishAsync(policyId, IfMatch(request), body, request.HttpContext, lifecycle);

    /// <summary>GET policies/{policyId}/versions: every published version.</summary>
    [Function("ListPolicyVersions")]
    [RequireRoles(FunctionRoles.PolicyAuthor, FunctionRoles.Supervisor, FunctionRoles.Auditor)]
    public Task<Results<Ok<IReadOnlyList<PolicyVersionView>>, ProblemHttpResult>> ListVersionsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "policies/{policyId}/versions")] HttpRequest request, string policyId, CancellationToken cancellationToken) =>
        PolicyApi.ListVersionsAsync(policyId, lifecycle, cancellationToken);

    /// <summary>GET policies/{policyId}/versions/{version}: one published version.</summary>
    [Function("GetPolicyVersion")]
    [RequireRoles(FunctionRoles.PolicyAuthor, FunctionRoles.Supervisor, FunctionRoles.Auditor)]
    public Task<Results<Ok<PolicyVersionView>, ProblemHttpResult>> GetVersionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "policies/{policyId}/versions/{version:int}")] HttpRequest request, string policyId, int version, CancellationToken cancellationToken) =>
        PolicyApi.GetVersionAsync(policyId, version, lifecycle, cancellationToken);

    /// <summary>POST policies/{policyId}/versions/{version}/retire: a supervisor retires a version, with a reason.</summary>
    [Function("RetirePolicyVersion")]
    [RequireRoles(FunctionRoles.Supervisor)]
    public Task<Results<Ok<PolicyVersionView>, ValidationProblem, ProblemHttpResult>> RetireAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "policies/{policyId}/versions/{version:int}/retire")] HttpRequest request, string policyId, int version, [FromBody] RetireRequest body) =>
        PolicyApi.RetireAsync(policyId, version, body, request.HttpContext, lifecycle);

    /// <summary>GET policies/{policyId}/history: what happened to the policy, oldest first; 404 for a policy never drafted.</summary>
    [Function("GetPolicyHistory")]
    [RequireRoles(FunctionRoles.PolicyAuthor, FunctionRoles.Supervisor, FunctionRoles.Auditor)]
    public Task<Results<Ok<PolicyHistory>, ProblemHttpResult>> HistoryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "policies/{policyId}/history")] HttpRequest request, string policyId, CancellationToken cancellationToken) =>
        PolicyApi.HistoryAsync(policyId, lifecycle, cancellationToken);

    /// <summary>GET dictionary: the data dictionary's facts.</summary>
    [Function("GetDataDictionary")]
    [RequireRoles(FunctionRoles.PolicyAuthor, FunctionRoles.Supervisor, FunctionRoles.Auditor, FunctionRoles.Reviewer)]
    public static Ok<IReadOnlyList<DictionaryFactView>> GetDictionary(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dictionary")] HttpRequest request) =>
        DictionaryApi.Get();

    /// <summary>Every minute, and when a host starts: relays the published changes a crash left pending.</summary>
    [Function("RelayPolicyChanges")]
    public Task RelayPendingChangesAsync([TimerTrigger("0 */1 * * * *", RunOnStartup = true)] TimerInfo timer, CancellationToken cancellationToken) =>
        lifecycle.RelayPendingChangesAsync(cancellationToken);

    private static string? IfMatch(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.TryGetValue("If-Match", out var values) ? values.ToString() : null;
    }
}
