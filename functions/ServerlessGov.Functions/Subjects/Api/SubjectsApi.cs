using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Subjects.Import;
using ServerlessGov.Functions.Subjects.Registry;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Functions.Subjects.Api;

/// <summary>
/// The registry's HTTP functions: start an import (the body is the file), read its progress and quarantine, read a
/// subject with its provenance. Identity numbers appear only masked; errors are problem details naming field and rule.
/// </summary>
internal static class SubjectsApi
{
    public static async Task<IResult> StartImportAsync(
        HttpContext http, string? format, SubjectImporter importer, ImportSpool spool, IQueueStore queues, IOptions<SubjectRegistryOptions> options, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ImportFormat>(format ?? "ndjson", ignoreCase: true, out var importFormat) || !Enum.IsDefined(importFormat))
        {
            throw new RequestValidationException("format", "must be ndjson or csv");
        }

        // An import file is far larger than the server's default body limit, so this function sets its own (streamed: the
        // body is never held in memory), and a larger body is cut off with 413.
        var maxBytes = options.Value.MaxImportBytes;
        if (http.Request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        var importId = "imp-" + Guid.NewGuid().ToString("N");
        long bytes;
        try
        {
            bytes = await spool.SaveAsync(importId, importFormat, http.Request.Body, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(maxBytes);
        }

        if (bytes == 0)
        {
            File.Delete(spool.PathOf(importId, importFormat));
            throw new RequestValidationException("body", "must be the file to import, not empty");
        }

        var (job, _) = await importer.Jobs.CreateOrGetAsync(importId, importFormat, cancellationToken).ConfigureAwait(false);
        var queue = queues.GetQueue(SubjectImportRequested.QueueName);
        await queue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await queue.SendAsync(BinaryData.FromObjectAsJson(new SubjectImportRequested(importId, importFormat)), cancellationToken: cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted($"/api/subjects/imports/{importId}", job);
    }

    /// <summary>
    /// POST subjects/lookup: the subject id of an identity number given in the body, so that the number never travels in
    /// a URL (where proxies, browsers and request logs keep it). The number is not repeated in any answer.
    /// </summary>
    public static async Task<IResult> LookupAsync(SubjectLookupRequest body, SubjectPseudonyms pseudonyms, SubjectRegistry registry, CancellationToken cancellationToken)
    {
        if (!SubjectIdentifiers.TryParseKind(body.Kind, out var kind))
        {
            throw new RequestValidationException("kind", "must be resident, household or enterprise");
        }

        if (!SubjectIdentifiers.TryNormalize(kind, body.Identifier, out var normalized, out var rule))
        {
            throw new RequestValidationException("identifier", rule);
        }

        var id = pseudonyms.IdOf(kind, normalized);
        return await registry.GetStoredAsync(id, cancellationToken).ConfigureAwait(false) is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such subject.", detail: "The registry has no subject with that identifier.")
            : TypedResults.Ok(new SubjectLookupResult(id.Value, SubjectIdentifiers.Name(kind), SubjectIdentifiers.Mask(normalized)));
    }

    public static async Task<IResult> GetImportAsync(string importId, SubjectImporter importer, CancellationToken cancellationToken)
    {
        var job = SubjectImporter.IsValidImportId(importId) ? await importer.Jobs.GetAsync(importId, cancellationToken).ConfigureAwait(false) : null;
        return job is null ? NoSuchImport(importId) : TypedResults.Ok(job);
    }

    public static async Task<IResult> GetQuarantineAsync(string importId, long? afterLine, int? limit, SubjectImporter importer, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000)
        {
            throw new RequestValidationException("limit", "must be between 1 and 1000");
        }

        if (!SubjectImporter.IsValidImportId(importId) || await importer.Jobs.GetAsync(importId, cancellationToken).ConfigureAwait(false) is null)
        {
            return NoSuchImport(importId);
        }

        var records = await importer.Jobs.ReadQuarantineAsync(importId, afterLine ?? 0, cancellationToken).Take(limit ?? 100).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(records);
    }

    public static async Task<IResult> GetSubjectAsync(string subjectId, SubjectRegistry registry, CancellationToken cancellationToken)
    {
        SubjectId id;
        try
        {
            id = new SubjectId(subjectId);
        }
        catch (ArgumentException)
        {
            throw new RequestValidationException("subjectId", "must be a pseudonymous subject id (identity numbers are never accepted in a URL)");
        }

        var subject = await registry.GetStoredAsync(id, cancellationToken).ConfigureAwait(false);
        if (subject is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such subject.", detail: $"The registry has no subject '{subjectId}'.");
        }

        var masked = await registry.GetMaskedIdentifierAsync(id, cancellationToken).ConfigureAwait(false);
        var facts = subject.Observations.Select(o => new ObservationView(
            o.Fact, o.Source, Show(registry.Dictionary, o), o.AsOf, o.ImportedAt, o.BatchId)).ToList();
        return TypedResults.Ok(new SubjectView(id.Value, SubjectIdentifiers.Name(subject.Kind), masked, subject.UpdatedAt, facts));
    }

    private static string Show(DataDictionary dictionary, StoredObservation observation) =>
        dictionary.TryGetFact(observation.Fact, out var fact) && fact.Privacy == PrivacyClass.Identifier
            ? SubjectIdentifiers.Mask(observation.Value.ToString())
            : observation.Value.ToString();

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge(long maxBytes) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The import file is too large.",
        detail: $"An import upload is at most {maxBytes} bytes (Subjects:MaxImportBytes); split the file and import each part.",
        extensions: new Dictionary<string, object?> { ["field"] = "body", ["maxBytes"] = maxBytes });

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NoSuchImport(string importId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such import.", detail: $"There is no import '{importId}'.");
}
