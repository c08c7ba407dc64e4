using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Functions.Policies.DryRun;
using ServerlessGov.Functions.Policies.Views;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Policies.Api;

/// <summary>The HTTP answers of the policy lifecycle (results and problem details); <see cref="PolicyFunctions"/> declares their routes and roles.</summary>
internal static class PolicyApi
{
    public static async Task<Ok<IReadOnlyList<PolicySummary>>> ListAsync(PolicyLifecycle lifecycle, CancellationToken cancellationToken) =>
        TypedResults.Ok(await lifecycle.ListAsync(cancellationToken).ConfigureAwait(false));

    public static async Task<Results<Created<PolicyDraftView>, ValidationProblem, ProblemHttpResult>> CreateDraftAsync(
        string document, HttpContext context, PolicyLifecycle lifecycle)
    {
        try
        {
            var draft = await lifecycle.CreateDraftAsync(document, Actor(context.User, FunctionRoles.PolicyAuthor), context.RequestAborted).ConfigureAwait(false);
            context.Response.Headers.ETag = draft.ETag;
            return TypedResults.Created($"/api/policies/{draft.PolicyId}/draft", draft);
        }
        catch (PolicyValidationException ex)
        {
            return PolicyProblems.Invalid(ex);
        }
        catch (PolicyLifecycleException ex)
        {
            return PolicyProblems.Refused(ex);
        }
    }

    public static async Task<Results<Ok<PolicyDraftView>, ProblemHttpResult>> GetDraftAsync(string policyId, HttpContext context, PolicyLifecycle lifecycle)
    {
        try
        {
            var draft = await lifecycle.GetDraftAsync(policyId, context.RequestAborted).ConfigureAwait(false);
            context.Response.Headers.ETag = draft.ETag;
            return TypedResults.Ok(draft);
        }
        catch (PolicyLifecycleException ex)
        {
            return PolicyProblems.Refused(ex);
        }
    }

    public static async Task<Results<Ok<PolicyDraftView>, ValidationProblem, ProblemHttpResult>> UpdateDraftAsync(
        string policyId, string document, string? ifMatch, HttpContext context, PolicyLifecycle lifecycle)
    {
        try
        {
            var draft = await lifecycle.UpdateDraftAsync(policyId, document, ifMatch, Actor(context.User, FunctionRoles.PolicyAuthor), context.RequestAborted).ConfigureAwait(false);
            context.Response.Headers.ETag = draft.ETag;
            return TypedResults.Ok(draft);
        }
        catch (PolicyValidationException ex)
        {
            return PolicyProblems.Invalid(ex);
        }
        catch (PolicyLifecycleException ex)
        {
            return PolicyProblems.Refused(ex);
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DiscardDraftAsync(
        string policyId, string? ifMatch, HttpContext context, PolicyLifecycle lifecycle)
    {
        try
        {
            await lifecycle.DiscardDraftAsync(policyId, ifMatch, Actor(context.User, FunctionRoles.PolicyAuthor), context.RequestAborted).ConfigureAwait(false);
            return TypedResults.NoContent();
        }
        catch (PolicyLifecycleException ex)
        {
            return PolicyProblems.Refused(ex);
        }
    }

    public static Results<Ok<ValidationReport>, ValidationProblem> Validate(string document, PolicyLifecycle lifecycle)
    {
        try
        {
            return TypedResults.Ok(lifecycle.Validate(document));
        }
        catch (PolicyValidationException ex)
        {
            return PolicyProblems.Invalid(ex);
        }
    }

    public static async Task<Results<Ok<ValidationReport>, ValidationProblem, ProblemHttpResult>> ValidateDraftAsync(string policyId, PolicyLifecycle lifecycle, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await lifecycle.ValidateDraftAsync(policyId, cancellationToken).ConfigureAwait(false));
        }
        catch (PolicyValidationException ex)
        {
            return PolicyProblems.Invalid(ex);
        }
        catch (PolicyLifecycleException ex)
        {
            return PolicyProblems.Refused(ex);
        }
    }

    public static async Task<Results<Ok<DryRunReport>, ValidationProblem, ProblemHttpResult>> DryRunAsync(
        string policyId, int? samples, PolicyLifecycle lifecycle, CancellationToken cancellationToken)
    {
        if (samples is < 0 or > 20)
        {
            return PolicyProblems.Field("samples", "between 0 and 20 explained cases per outcome");
        }

        try
        {
            return TypedResults.Ok(await lifecycle.DryRunAsync(policyId, samples ?? 3, cancellationToken).ConfigureAwait(false));
        }
        catch (PolicyValidationException ex)
        {
            return PolicyProblems.Invalid(ex);
        }
        catch (PolicyLifecycleException ex)
        {
            return PolicyProblems.Refused(ex);
        }
    }

    public static async Task<Results<Created<PolicyVersionView>, ValidationProblem, ProblemHttpResult>> PublishAsync(
        string policyId, string? ifMatch, PublishRequest? request, HttpContext context, PolicyLifecycle lifecycle)
    {
        try
        {
            var version = await lifecycle.PublishAsync(policyId, ifMatch, request, Actor(context.User, FunctionRoles.PolicyAuthor), context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Created($"/api/policies/{policyId}/versions/{version.Version}", version);
        }
        catch (PolicyValidationException ex)
        {
            return PolicyProblems.Invalid(ex);
        }
        catch (PolicyLifecycleException ex)
        {
            return PolicyProblems.Refused(ex);
        }
    }

    public static async Task<Results<Ok<IReadOnlyList<PolicyVersionView>>, ProblemHttpResult>> ListVersionsAsync(string policyId, PolicyLifecycle lifecycle, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await lifecycle.ListVersionsAsync(policyId, cancellationToken).ConfigureAwait(false));
        }
        catch (PolicyLifecycleException ex)
        {
            return PolicyProblems.Refused(ex);
        }
    }

    public static async Task<Results<Ok<PolicyVersionView>, ProblemHttpResult>> GetVersionAsync(string policyId, int version, PolicyLifecycle lifecycle, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await lifecycle.GetVersionAsync(policyId, version, cancellationToken).ConfigureAwait(false));
        }
        catch (PolicyLifecycleException ex)
        {
            return PolicyProblems.Refused(ex);
        }
    }

    public static async Task<Results<Ok<PolicyVersionView>, ValidationProblem, ProblemHttpResult>> RetireAsync(
        string policyId, int version, RetireRequest request, HttpContext context, PolicyLifecycle lifecycle)
    {
        try
        {
            var retired = await lifecycle.RetireAsync(policyId, version, request.Reason, Actor(context.User, FunctionRoles.Supervisor), context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Ok(retired);
        }
        catch (PolicyValidationException ex)
        {
            return PolicyProblems.Invalid(ex);
        }
        catch (PolicyLifecycleException ex)
        {
            return PolicyProblems.Refused(ex);
        }
    }

    public static async Task<Results<Ok<PolicyHistory>, ProblemHttpResult>> HistoryAsync(string policyId, PolicyLifecycle lifecycle, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await lifecycle.ReadHistoryAsync(policyId, cancellationToken).ConfigureAwait(false));
        }
        catch (PolicyLifecycleException ex)
        {
            return PolicyProblems.Refused(ex);
        }
    }

    /// <summary>Who acts: the token's subject, in the role the endpoint admitted them for.</summary>
    private static PolicyActor Actor(ClaimsPrincipal user, string role) =>
        new(user.FindFirstValue("sub") ?? user.Identity?.Name ?? "unknown", role);
}
