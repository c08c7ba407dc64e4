using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Logging;
using ServerlessGov.Hosting.Catalog;

namespace ServerlessGov.Hosting.Http;

/// <summary>
/// The host's request log, in place of ASP.NET Core's (whose "Request starting" lines carry the raw path and query):
/// one line per request with the method, the path as the function's route template filled in with only the route
/// values that kept their <see cref="RouteValueRule"/>, the status and the time taken. A value that broke its rule (an
/// identity number typed into a URL) appears as <c>{name}</c>; a request that matched no function shows no path at all,
/// and query strings are never logged. The same redacted path replaces <c>url.path</c> on the request's trace span.
/// </summary>
internal sealed class RequestLog(RequestDelegate next, FunctionCatalog catalog, ILogger<RequestLog> logger)
{
    /// <summary>ASP.NET Core's request logging category, held at Warning by the host.</summary>
    public const string AspNetCoreRequestCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var path = RedactedPath(context);
            Activity.Current?.SetTag("url.path", path);
            Logs.RequestServed(logger, context.Request.Method, path, context.Response.StatusCode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>The request's path as it may be logged: the matched route with its valid values, or <c>(no function)</c>.</summary>
    public string RedactedPath(HttpContext context)
    {
        // After an exception the handler has cleared the endpoint and route values; its feature keeps them.
        var failed = context.Features.Get<IExceptionHandlerFeature>();
        var (matched, values) = context.GetEndpoint() is { } current ? (current, context.Request.RouteValues) : (failed?.Endpoint, failed?.RouteValues);
        if (matched is not RouteEndpoint endpoint || values is null)
        {
            return "(no function)";
        }

        var path = new StringBuilder();
        foreach (var segment in endpoint.RoutePattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        path.Append(literal.Content);
                        break;
                    case RoutePatternSeparatorPart separator:
                        path.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter:
                        var value = values[parameter.Name] as string;
                        var valid = value is not null && catalog.RouteValues.TryGetValue(parameter.Name, out var rule) && rule.Check(value) is null;
                        path.Append(valid ? value : "{" + parameter.Name + "}");
                        break;
                }
            }
        }

        return path.ToString();
    }
}
