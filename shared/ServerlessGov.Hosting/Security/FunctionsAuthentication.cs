using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Hosting.Configuration;

namespace ServerlessGov.Hosting.Security;

/// <summary>The host's two ways in, bearer tokens with roles and function keys, and the endpoint conventions that apply them.</summary>
public static class FunctionsAuthentication
{
    /// <summary>The scheme that reads <c>x-functions-key</c> / <c>code</c>.</summary>
    public const string FunctionKeyScheme = "FunctionKey";

    /// <summary>The token claim carrying roles (Entra ID app roles use the same name).</summary>
    public const string RoleClaimType = "roles";

    internal static void AddFunctionsAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<FunctionKeyAuthenticationOptions, FunctionKeyAuthenticationHandler>(FunctionKeyScheme, null);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<FunctionsHostSettings>((options, settings) => BearerTokenValidation.Configure(options, settings.Auth));
        services.AddOptions<FunctionKeyAuthenticationOptions>(FunctionKeyScheme)
            .Configure<FunctionsHostSettings>((options, settings) => options.Keys = settings.Auth.FunctionKeys);
        services.AddAuthorization(options =>
            options.FallbackPolicy = new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build());
    }

    /// <summary>
    /// Applies a declaration to an endpoint: a role policy, the function-key policy, or an explicit public marker.
    /// The declaration itself is added as metadata, so tools can say who may call each endpoint.
    /// </summary>
    public static TBuilder RequireFunctionAuthorization<TBuilder>(this TBuilder builder, FunctionAuthorization authorization)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(authorization);
        builder.WithMetadata(authorization);
        return authorization.Kind switch
        {
            AuthorizationKind.Public => builder.AllowAnonymous().WithMetadata(PublicEndpointMetadata.Instance),
            AuthorizationKind.FunctionKey => builder.RequireAuthorization(
                new AuthorizationPolicyBuilder(FunctionKeyScheme).RequireAuthenticatedUser().Build()),
            _ => builder.RequireAuthorization(
                new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().RequireRole(authorization.AllowedRoles).Build()),
        };
    }
}
