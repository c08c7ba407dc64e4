using Microsoft.Azure.Functions.Worker;
using ServerlessGov.Domain.Values;
using ServerlessGov.Durable;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Security;
using FromBodyAttribute = Microsoft.Azure.Functions.Worker.Http.FromBodyAttribute;

namespace ServerlessGov.Functions.Cases.Triggers;

/// <summary>
/// An operator's run of a published policy version now, as an isolated-worker function (the publish queue and the
/// daily timer start the others). The Azure Functions host loads it from <c>functions.metadata</c>; the local runtime
/// reads the same attributes. The run starts through <see cref="PolicyRunStarter"/>, under its deterministic id.
/// </summary>
public sealed class ManualPolicyRunFunctions(PolicyRunStarter starter, IPolicyCatalog catalog)
{
    /// <summary>POST cases/runs: starts (or finds) the run of <c>policyId</c> version <c>version</c> labelled <c>label</c> (default <c>manual</c>); 202 with its status URLs.</summary>
    /// <exception cref="RequestValidationException">The policy id, version or label is missing or malformed, or the version is not published.</exception>
    [Function("StartPolicyRun")]
    [RequireRoles(FunctionRoles.Operator)]
    public async Task<IResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/runs")] HttpRequest request, [FromBody] StartPolicyRunRequest body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrWhiteSpace(body.PolicyId))
        {
            throw new RequestValidationException("policyId", "is required");
        }

        if (body.Version is not { } version || version < 1)
        {
            throw new RequestValidationException("version", "is a published version number (1 or more)");
        }

        if (await catalog.GetAsync(body.PolicyId, new PolicyVersion(version), cancellationToken).ConfigureAwait(false) is null)
        {
            throw new RequestValidationException("version", "must name a published version of the policy");
        }

        var label = string.IsNullOrWhiteSpace(body.Label) ? "manual" : body.Label;
        if (label.Length > 32 || !label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new RequestValidationException("label", "has 1-32 of A-Z, a-z, 0-9, '-' and '_'");
        }

        var id = await starter.StartAsync(body.PolicyId, version, label, cancellationToken).ConfigureAwait(false);
        return DurableTaskHttpApi.CreateCheckStatusResponse(request, id);
    }
}
