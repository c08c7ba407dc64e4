using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace ServerlessGov.Functions.Worker;

/// <summary>
/// Writes what an HTTP function returns when it is a minimal-API result (<see cref="IResult"/>: <c>TypedResults.Ok</c>,
/// <c>Results&lt;Ok&lt;T&gt;, ProblemHttpResult&gt;</c> …), which the worker's ASP.NET Core integration does not write:
/// it writes only <c>IActionResult</c>s (Azure/azure-functions-dotnet-worker#2718). The local runtime already executes them.
/// </summary>
/// <remarks>
/// After the function ran, an <see cref="IResult"/> invocation result is executed on the request's
/// <see cref="HttpContext"/>, as a minimal-API endpoint executes it (a <c>Results&lt;…&gt;</c> union executes the result
/// it holds), with the worker's services: HTTP JSON options (<c>AddAppJson</c>: enums as names) and problem details.
/// The invocation result is then cleared, so the integration has nothing left to write. When the caller is gone or the
/// invocation cancelled, nothing is written (as the integration does for an <c>IActionResult</c>). Any other result,
/// and functions with other triggers, pass through.
/// </remarks>
internal sealed class WorkerHttpResults : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await next(context);
        if (context.GetHttpContext() is not { } http)
        {
            return;
        }

        var invocation = context.GetInvocationResult();
        if (invocation.Value is not IResult result)
        {
            return;
        }

        invocation.Value = null;
        if (!http.RequestAborted.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            await result.ExecuteAsync(http);
        }
    }
}
