using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ServerlessGov.Hosting.Catalog;

namespace ServerlessGov.Hosting.Http;

/// <summary>
/// Checks what arrives for an HTTP function before the function (or its parameter binding) sees it: every route value
/// against its <see cref="RouteValueRule"/>, and a JSON body against the rules no reader should have to guess about
/// (<see cref="JsonBodyCheck"/>). A breach is a 400 naming the field and the rule; a refused value is never echoed.
/// Runs after authorization, so anonymous callers never make the host read a body.
/// </summary>
internal sealed class FunctionRequestValidation(RequestDelegate next, FunctionCatalog catalog)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint endpoint && endpoint.Metadata.GetMetadata<HttpFunctionDefinition>() is not null)
        {
            await HttpFunctionRequestCheck.CheckRouteValuesAndBodyAsync(context, endpoint.RoutePattern, catalog.RouteValues).ConfigureAwait(false);
        }

        await next(context).ConfigureAwait(false);
    }
}
