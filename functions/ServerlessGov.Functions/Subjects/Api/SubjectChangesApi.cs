using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Subjects.Changes;
using ServerlessGov.Hosting.Http;

namespace ServerlessGov.Functions.Subjects.Api;

/// <summary>
/// An authoritative source pushes a fact change over HTTP, the same change a <c>subject-changes</c> message carries, and
/// hears at once whether it was taken: the same validation and merge (newest as-of wins per fact and source), then the
/// same re-evaluation of the subject. The <c>Idempotency-Key</c> names the change, so a retried request changes nothing twice.
/// </summary>
public static class SubjectChangesApi
{
    /// <summary>POST subjects/changes with <c>Idempotency-Key</c>: 200 with the facts the change changed (empty when it changed nothing); 400 naming the field and rule.</summary>
    /// <exception cref="RequestValidationException">The key is missing or malformed, or the change breaks a rule of the registry.</exception>
    public static async Task<Ok<SubjectChangeAccepted>> PushAsync(
        SubjectChangeMessage body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, SubjectChangesHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (idempotencyKey is null || !IdempotencyKeys.IsValid(idempotencyKey))
        {
            throw new RequestValidationException("Idempotency-Key", "is required and names the change: " + IdempotencyKeys.Rule);
        }

        try
        {
            var changed = await handler.HandleAsync(body ?? throw new RequestValidationException("body", "is a subject change"), "http-" + idempotencyKey, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new SubjectChangeAccepted(changed));
        }
        catch (SubjectChangeRejectedException ex)
        {
            var (field, rule) = ex.Message.Split(": ", 2) is [var f, var r] ? (f, r) : ("body", ex.Message);
            throw new RequestValidationException(field, rule);
        }
    }
}

/// <summary>What a pushed change did.</summary>
/// <param name="ChangedFacts">The facts it changed; empty when the registry already held the same or a newer observation.</param>
public sealed record SubjectChangeAccepted(IReadOnlyList<string> ChangedFacts);
