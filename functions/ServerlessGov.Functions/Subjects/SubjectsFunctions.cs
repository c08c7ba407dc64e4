using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Options;
using ServerlessGov.Functions.Subjects.Api;
using ServerlessGov.Functions.Subjects.Changes;
using ServerlessGov.Functions.Subjects.Import;
using ServerlessGov.Functions.Subjects.Registry;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Functions.Subjects;

/// <summary>
/// The registry's subjects as isolated-worker functions: reads and look-ups, and changes pushed over HTTP or sent on
/// <c>subject-changes</c>. The Azure Functions host loads them from <c>functions.metadata</c>; the local runtime reads
/// the same attributes.
/// </summary>
public sealed class SubjectsFunctions(SubjectRegistry registry, SubjectPseudonyms pseudonyms, SubjectChangesHandler changes)
{
    /// <summary>GET subjects/{subjectId}: the subject with each fact's provenance, identifiers masked; 404 when there is none.</summary>
    /// <exception cref="RequestValidationException">The id is not a pseudonymous subject id.</exception>
    [Function("GetSubject")]
    [RequireRoles(FunctionRoles.Operator, FunctionRoles.Auditor, FunctionRoles.Reviewer)]
    public Task<IResult> GetSubjectAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subjects/{subjectId}")] HttpRequest request, string subjectId, CancellationToken cancellationToken) =>
        SubjectsApi.GetSubjectAsync(subjectId, registry, cancellationToken);

    /// <summary>POST subjects/changes with <c>Idempotency-Key</c>: a source's change, taken at once; 200 with the facts it changed.</summary>
    /// <exception cref="RequestValidationException">The key is missing or malformed, or the change breaks a rule of the registry.</exception>
    [Function("PushSubjectChange")]
    [RequireRoles(FunctionRoles.Operator)]
    public Task<Ok<SubjectChangeAccepted>> PushChangeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subjects/changes")] HttpRequest request, [FromBody] SubjectChangeMessage body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Headers.TryGetValue("Idempotency-Key", out var values) ? values.ToString() : null;
        return SubjectChangesApi.PushAsync(body, key, changes, cancellationToken);
    }

    /// <summary>POST subjects/lookup: the subject id of an identity number given in the body, which never travels in a URL.</summary>
    /// <exception cref="RequestValidationException">The kind or the identifier breaks its rule.</exception>
    [Function("LookUpSubject")]
    [RequireRoles(FunctionRoles.Operator, FunctionRoles.Auditor, FunctionRoles.Reviewer)]
    public Task<IResult> LookUpAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subjects/lookup")] HttpRequest request, [FromBody] SubjectLookupRequest body, CancellationToken cancellationToken) =>
        SubjectsApi.LookupAsync(body, pseudonyms, registry, cancellationToken);

    /// <summary>Applies one source's change from <c>subject-changes</c>; the message id makes a redelivery change nothing twice.</summary>
    [Function("SubjectChanges")]
    public Task OnChangeAsync([QueueTrigger(SubjectChangeMessage.QueueName)] SubjectChangeMessage message, string id, CancellationToken cancellationToken) =>
        changes.HandleAsync(message, id, cancellationToken);
}
