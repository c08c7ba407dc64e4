using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServerlessGov.Hosting.Http;

/// <summary>
/// Turns an HTTP function's exception into a problem-details response: 400 naming fields and rules for a
/// <see cref="RequestValidationException"/>, 400 for an unreadable request (<see cref="BadRequestProblems"/>: JSON paths
/// and the kind of value expected, never a .NET type or the value sent), otherwise 500 with no internal detail
/// (the exception is logged; the response carries only the trace id to find it).
/// </summary>
internal sealed class FunctionsExceptionHandler(IProblemDetailsService problemDetails, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<FunctionsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        switch (exception)
        {
            case RequestValidationException validation:
                problem = new ValidationProblemDetails(validation.Errors.ToDictionary(e => e.Key, e => e.Value))
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The request is not valid.",
                };
                break;
            case BadHttpRequestException badRequest:
                var bound = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
                var bodyType = bound?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
                problem = BadRequestProblems.For(badRequest, bodyType, json.Value.SerializerOptions);
                break;
            default:
                // The exception handler has cleared the endpoint by now; the feature keeps the one that failed.
                var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
                var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
                Logs.UnhandledHttpException(logger, exception, httpContext.Request.Method, route);
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Title = "An unexpected error occurred.",
                };
                break;
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
