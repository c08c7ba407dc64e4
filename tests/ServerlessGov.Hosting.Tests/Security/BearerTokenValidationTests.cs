using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using ServerlessGov.Hosting.Configuration;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Hosting.Tests.Security;

/// <summary>
/// A host other than the local runtime (the isolated worker) reads <c>Auth:*</c> with the local runtime's rules and
/// validates tokens with its parameters.
/// </summary>
public sealed class BearerTokenValidationTests
{
    private const string DevKey = "bearer-validation-tests-key-0123456789";

    [Fact]
    public void AddBearerTokenAuthentication_Authority_ValidatesAgainstItWithTheAudience()
    {
        var options = Options(Environments.Production, ("Auth:Authority", "https://login.microsoftonline.com/tenant-1/v2.0"), ("Auth:Audience", "api-client-id"));

        Assert.Equal("https://login.microsoftonline.com/tenant-1/v2.0", options.Authority);
        Assert.Equal("api-client-id", options.TokenValidationParameters.ValidAudience);
        Assert.Equal(FunctionsAuthentication.RoleClaimType, options.TokenValidationParameters.RoleClaimType);
        Assert.Equal("sub", options.TokenValidationParameters.NameClaimType);
        Assert.Null(options.TokenValidationParameters.IssuerSigningKey);
        Assert.False(options.MapInboundClaims);
    }

    [Fact]
    public void AddBearerTokenAuthentication_DevSigningKeyInDevelopment_ValidatesTheDevelopmentIssuer()
    {
        var options = Options(Environments.Development, ("Auth:DevSigningKey", DevKey));

        Assert.Null(options.Authority);
        Assert.Equal(DevTokenIssuer.Issuer, options.TokenValidationParameters.ValidIssuer);
        Assert.Equal(DevTokenIssuer.Audience, options.TokenValidationParameters.ValidAudience);
        Assert.NotNull(options.TokenValidationParameters.IssuerSigningKey);
    }

    [Theory]
    [InlineData("Production", "Auth:DevSigningKey", DevKey, "Auth:DevSigningKey (Auth__DevSigningKey) is a local-development setting")]
    [InlineData("Production", "Auth:Audience", "api-client-id", "Auth:Authority (production) or Auth:DevSigningKey (local development) is required")]
    [InlineData("Production", "Auth:Authority", "login.example.test/tenant", "Auth:Authority must be an absolute URL")]
    [InlineData("Development", "Auth:DevSigningKey", "too-short", "Auth:DevSigningKey must be at least 32 characters")]
    public void AddBearerTokenAuthentication_SettingBreaksItsRule_RefusesNamingIt(string environment, string key, string value, string message)
    {
        var failure = Assert.Throws<HostConfigurationException>(() => Options(environment, (key, value)));

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    private static JwtBearerOptions Options(string environment, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddBearerTokenAuthentication(configuration, new HostingEnvironment { EnvironmentName = environment });
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
    }
}
