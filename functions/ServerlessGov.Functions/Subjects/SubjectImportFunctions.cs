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
/// Subject imports as isolated-worker functions: the upload over HTTP, its progress and quarantine, and the
/// <c>subject-imports</c> queue that runs it. The Azure Functions host loads them from <c>functions.metadata</c>; the
/// local runtime reads the same attributes.
/// </summary>
public sealed class SubjectImportFunctions(SubjectImporter importer, ImportSpool spool, IQueueStore queues, IOptions<SubjectRegistryOptions> options)
{
    /// <summary>POST subjects/imports?format=ndjson|csv: the body is the file; 202 with the import job, which the <c>subject-imports</c> queue then runs.</summary>
    /// <exception cref="RequestValidationException">The format is unknown or the body is empty.</exception>
    [Function("StartSubjectImport")]
    [RequireRoles(FunctionRoles.Operator)]
    public Task<IResult> StartImportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subjects/imports")] HttpRequest request, string? format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SubjectsApi.StartImportAsync(
            request.HttpContext, format, importer, spool, queues, options, cancellationToken);
    }

    /// <summary>GET subjects/imports/{importId}: the import's progress; 404 when there is none.</summary>
    [Function("GetSubjectImport")]
    [RequireRoles(FunctionRoles.Operator, FunctionRoles.Auditor)]
    public Task<IResult> GetImportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subjects/imports/{importId}")] HttpRequest request, string importId, CancellationToken cancellationToken) =>
        SubjectsApi.GetImportAsync(importId, importer, cancellationToken);

    /// <summary>GET subjects/imports/{importId}/quarantine?afterLine=&amp;limit=: the records the import set aside, by line.</summary>
    /// <exception cref="RequestValidationException">The limit is out of range.</exception>
    [Function("GetSubjectImportQuarantine")]
    [RequireRoles(FunctionRoles.Operator, FunctionRoles.Auditor)]
    public Task<IResult> GetQuarantineAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "subjects/imports/{importId}/quarantine")] HttpRequest request,
        string importId, long? afterLine, int? limit, CancellationToken cancellationToken) =>
        SubjectsApi.GetQuarantineAsync(importId, afterLine, limit, importer, cancellationToken);

    /// <summary>Runs (or, redelivered after a crash, resumes) an import whose file was spooled.</summary>
    [Function("RunSubjectImport")]
    public async Task RunImportAsync([QueueTrigger(SubjectImportRequested.QueueName)] SubjectImportRequested message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var file = File.OpenRead(spool.PathOf(message.ImportId, message.Format));
        await using (file.ConfigureAwait(false))
        {
            await importer.RunAsync(message.ImportId, file, message.Format, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
