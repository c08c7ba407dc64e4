using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ServerlessGov.Hosting.Security;

/// <summary>Finds the endpoints of an app that anyone can call without their having been marked public on purpose.</summary>
public static class EndpointAudit
{
    /// <summary>
    /// The display names of endpoints that are neither protected (an authorize attribute or policy) nor marked with
    /// <see cref="PublicEndpointMetadata"/>; an anonymous endpoint without the marker is reported too.
    /// </summary>
    public static IReadOnlyList<string> FindUnprotected(IEnumerable<EndpointDataSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var open = new List<string>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var metadata = endpoint.Metadata;
            var markedPublic = metadata.GetMetadata<PublicEndpointMetadata>() is not null;
            var anonymous = metadata.GetMetadata<IAllowAnonymous>() is not null;
            var protectedByPolicy = metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0
                || metadata.GetOrderedMetadata<AuthorizationPolicy>().Count > 0;
            if (markedPublic && anonymous)
            {
                continue;
            }

            if (protectedByPolicy && !anonymous)
            {
                continue;
            }

            open.Add($"{string.Join(",", metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} /{endpoint.RoutePattern.RawText?.TrimStart('/')}");
        }

        return open;
    }
}
