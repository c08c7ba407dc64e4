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
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var parameter in endpoint.RoutePattern.Parameters)
            {
                if (context.Request.RouteValues[parameter.Name] is string value && catalog.RouteValues[parameter.Name].Check(value) is { } rule)
                {
                    errors[parameter.Name] = [rule];
                }
            }

            if (errors.Count > 0)
            {
                throw new RequestValidationException(errors);
            }

            if (JsonBodyCheck.IsJson(context.Request.ContentType))
            {
                await JsonBodyCheck.CheckAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            }
        }

        await next(context).ConfigureAwait(false);
    }
}
