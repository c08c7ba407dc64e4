using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using ServerlessGov.Hosting.Configuration;

namespace ServerlessGov.Hosting.Security;

/// <summary>
/// How a bearer token is validated, in one place for both hosts (the local runtime and the isolated worker), so they
/// accept exactly the same tokens: audience, lifetime, the <c>roles</c> claim and <c>sub</c> as the name, and either the
/// Entra ID authority's issuer and keys (its OpenID Connect metadata) or the development issuer and key.
/// </summary>
public static class BearerTokenValidation
{
    /// <summary>Sets <paramref name="options"/> from <paramref name="auth"/>: <c>Auth:Authority</c> when set, else <c>Auth:DevSigningKey</c>, else no key at all (every token is refused).</summary>
    public static void Configure(JwtBearerOptions options, AuthSettings auth)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(auth);
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            RoleClaimType = FunctionsAuthentication.RoleClaimType,
            NameClaimType = "sub",
            ValidAudience = auth.Audience,
            ValidateAudience = true,
            ValidateLifetime = true,
        };
        if (auth.Authority is { } authority)
        {
            options.Authority = authority;
        }
        else if (auth.DevSigningKey is { } key)
        {
            options.TokenValidationParameters.ValidIssuer = DevTokenIssuer.Issuer;
            options.TokenValidationParameters.IssuerSigningKey = DevTokenIssuer.CreateKey(key);
        }
    }

    /// <summary>
    /// For a host other than the local runtime (the isolated worker): reads <c>Auth:*</c> from <paramref name="configuration"/>
    /// with the local runtime's rules and registers JWT bearer authentication (the default scheme) validating as it does.
    /// </summary>
    /// <exception cref="HostConfigurationException">
    /// A setting breaks its rule (e.g. <c>Auth:DevSigningKey</c> outside Development), or, outside Development, <c>Auth:Authority</c> is missing.
    /// </exception>
    public static IServiceCollection AddBearerTokenAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var auth = HostSettingsReader.ReadAuthSettings(configuration, environment, out var read);
        var errors = read.ToList();
        if (auth.Authority is null && auth.DevSigningKey is null && !environment.IsDevelopment())
        {
            // In Development the worker then refuses every token, as the local runtime does with its random key.
            errors.Add("Auth:Authority (production) or Auth:DevSigningKey (local development) is required: some functions require roles");
        }

        if (errors.Count > 0)
        {
            throw new HostConfigurationException(errors);
        }

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options => Configure(options, auth));
        return services;
    }
}
