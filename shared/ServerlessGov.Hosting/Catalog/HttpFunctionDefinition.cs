using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Hosting.Catalog;

/// <summary>A function mapped as an ASP.NET Core minimal-API endpoint under the route prefix, with who may call it.</summary>
public sealed record HttpFunctionDefinition : FunctionDefinition
{
    internal HttpFunctionDefinition(string name, string method, string route, Delegate handler, FunctionAuthorization authorization)
        : base(name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(authorization);
        Method = method.ToUpperInvariant();
        Route = route.Trim('/');
        Handler = handler;
        Authorization = authorization;
    }

    /// <summary>The HTTP method (GET, POST, ...).</summary>
    public string Method { get; }

    /// <summary>The route template below the prefix, e.g. <c>policies/{id}</c>.</summary>
    public string Route { get; }

    /// <summary>The minimal-API handler: parameters are bound from route, query, body and services.</summary>
    public Delegate Handler { get; }

    /// <summary>Who may call it: roles, a function key, or explicitly anyone.</summary>
    public FunctionAuthorization Authorization { get; }

    /// <summary>The JSON body a handler that binds its own parameters reads (a <c>[FromBody]</c> parameter), for the endpoint's accepts metadata; null otherwise.</summary>
    public Type? BodyType { get; init; }

    /// <summary>Whether that body may be missing.</summary>
    public bool IsBodyOptional { get; init; }

    /// <summary>
    /// For a handler that binds its own parameters (<see cref="AttributeFunctions"/>): adds the endpoint metadata minimal
    /// APIs infer from a handler method (its attributes, what its result type declares), so the OpenAPI document and
    /// content-type matching see the function's own method; null otherwise.
    /// </summary>
    public Action<Microsoft.AspNetCore.Builder.EndpointBuilder>? DescribeEndpoint { get; init; }

    public override TriggerKind Trigger => TriggerKind.Http;

    public override string Describe() => $"{Method} {Route} ({Authorization})";
}
