using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Operations;

/// <summary>
/// The operators' and auditors' dashboard as isolated-worker functions: the HTTP function that reads it and the timer
/// that keeps its snapshot fresh. The Azure Functions host loads them from <c>functions.metadata</c>; the local runtime
/// reads the same attributes (<c>AttributeFunctions</c>).
/// </summary>
public sealed class OperationsFunctions(OperationsDashboard dashboard)
{
    /// <summary>GET operations/dashboard?refresh=: the snapshot (or figures computed now when <c>refresh=true</c>), with live poison-queue depths.</summary>
    /// <exception cref="RequestValidationException"><c>refresh</c> is neither <c>true</c> nor <c>false</c>.</exception>
    [Function("GetOperationsDashboard")]
    [RequireRoles(FunctionRoles.Operator, FunctionRoles.Auditor)]
    public async Task<Ok<Dashboard>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operations/dashboard")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var refresh = false;
        if (request.Query.TryGetValue("refresh", out var values) && !bool.TryParse(values.ToString(), out refresh))
        {
            throw new RequestValidationException("refresh", "must be true or false");
        }

        return TypedResults.Ok(await dashboard.GetAsync(refresh, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Every five minutes, and when a host starts: computes the figures and stores the snapshot.</summary>
    [Function("RefreshOperationsDashboard")]
    public Task RefreshAsync([TimerTrigger(OperationsDashboard.Schedule, RunOnStartup = true)] TimerInfo timer, CancellationToken cancellationToken) =>
        dashboard.RefreshAsync(cancellationToken);
}
