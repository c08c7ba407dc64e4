using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServerlessGov.Hosting.Http;

/// <summary>
/// Turns an HTTP function's exception into a problem-details response: a request problem as
/// <see cref="RequestProblems"/> words it (400 naming fields and rules; JSON paths and the kind of value expected,
/// never a .NET type or the value sent), otherwise 500 with no internal detail
/// (the exception is logged; the response carries only the trace id to find it).
/// </summary>
internal sealed class FunctionsExceptionHandler(IProblemDetailsService problemDetails, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<FunctionsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The exception handler has cleared the endpoint by now; the feature keeps the one that failed.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        var problem = RequestProblems.For(exception, endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType, json.Value.SerializerOptions);
        if (problem is null)
        {
            var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            Logs.UnhandledHttpException(logger, exception, httpContext.Request.Method, route);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        }).ConfigureAwait(false);
    }
}
