using System.Collections.Concurrent;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Http.Converters;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Options;
using ServerlessGov.Hosting.Configuration;
using ServerlessGov.Hosting.Http;
using FunctionCatalog = ServerlessGov.Hosting.Catalog.FunctionCatalog;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace ServerlessGov.Functions.Worker;

/// <summary>
/// The isolated worker's request checks, so a request the local runtime refuses before a function runs is refused
/// the same way in Azure: route values against their rules, the JSON body's rules, and the body and query values read
/// as the local runtime reads them (<see cref="HttpFunctionRequestCheck"/>). The function's <c>[FromBody]</c> parameter
/// then gets that body (<see cref="CheckedRequestBody"/>), so it is read one way in both hosts.
/// </summary>
/// <remarks>
/// Runs after <see cref="WorkerAuthorization"/>, so an anonymous caller never makes the worker read a body. A request
/// problem, found here or thrown by the function (<see cref="RequestValidationException"/>, <c>BadHttpRequestException</c>),
/// is answered with the local runtime's problem details (<see cref="RequestProblems"/>) and the invocation succeeds.
/// Any other exception fails the invocation: the Functions host counts it and answers 500 with no detail.
/// Functions with other triggers pass through.
/// </remarks>
internal sealed class WorkerRequestValidation : IFunctionsWorkerMiddleware
{
    private readonly ConcurrentDictionary<string, HttpFunctionRequestCheck> _checks = new(StringComparer.Ordinal);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var check = _checks.GetOrAdd(context.FunctionId, static (_, context) => For(context), context);
        try
        {
            var body = await check.CheckAsync(http);
            if (check.BodyType is { } bodyType)
            {
                context.Features.Set<IFromBodyConversionFeature>(new CheckedRequestBody(body, bodyType));
            }

            await next(context);
        }
        catch (Exception ex) when (RequestProblems.For(ex, check.BodyType, context.InstanceServices.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions) is { } problem)
        {
            http.Response.StatusCode = problem.Status!.Value;
            await context.InstanceServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = problem,
                Exception = ex,
            });
        }
    }

    /// <summary>The checks of the invocation's function, which must be an HTTP function of the app's catalog: never unchecked by accident.</summary>
    /// <exception cref="InvalidOperationException">Its method was not found.</exception>
    /// <exception cref="ArgumentException">It is not in the catalog, or takes a parameter the local runtime does not bind.</exception>
    private static HttpFunctionRequestCheck For(FunctionContext context)
    {
        var catalog = context.InstanceServices.GetRequiredService<FunctionCatalog>();
        var method = WorkerAuthorization.FindMethod(context.FunctionDefinition)
            ?? throw new InvalidOperationException($"HTTP function '{context.FunctionDefinition.Name}': its [Function] method ({context.FunctionDefinition.EntryPoint}) was not found.");
        return HttpFunctionRequestCheck.For(method, catalog, context.InstanceServices.GetRequiredService<FunctionsHostSettings>().RoutePrefix);
    }
}
