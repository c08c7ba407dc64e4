using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Commands;

/// <summary><c>ServerlessGov.Functions dev-token &lt;role&gt;</c>, run as a real process.</summary>
public sealed class DevTokenCommandTests
{
    private const string SigningKey = "dev-token-test-key-0123456789abcdef0123";

    [Fact]
    public async Task DevToken_KeyInLocalSettings_PrintsATokenTheHostAcceptsForTheRole()
    {
        var settings = $$"""
            { "IsEncrypted": false, "Values": { "Auth__DevSigningKey": "{{SigningKey}}" } }
            """;

        var (exitCode, token, output) = await FunctionApp.RunCommandAsync(["dev-token", "reviewer"], localSettingsJson: settings);

        Assert.True(exitCode == 0, output);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token.Trim(), new TokenValidationParameters
        {
            ValidIssuer = DevTokenIssuer.Issuer,
            ValidAudience = DevTokenIssuer.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(SigningKey)),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal(["reviewer"], result.ClaimsIdentity.FindAll("roles").Select(c => c.Value));
    }

    [Fact]
    public async Task DevToken_Subject_PrintsAResidentTokenForThatSubject()
    {
        var settings = $$"""
            { "IsEncrypted": false, "Values": { "Auth__DevSigningKey": "{{SigningKey}}" } }
            """;

        var (exitCode, token, output) = await FunctionApp.RunCommandAsync(["dev-token", "resident", "--subject", "r-4f2a"], localSettingsJson: settings);

        Assert.True(exitCode == 0, output);
        var jwt = new JsonWebToken(token.Trim());
        Assert.Equal("r-4f2a", jwt.Subject);
        Assert.Equal(["resident"], jwt.Claims.Where(c => c.Type == "roles").Select(c => c.Value));
    }

    [Fact]
    public async Task DevToken_NoSigningKey_FailsNamingTheSetting()
    {
        var (exitCode, token, output) = await FunctionApp.RunCommandAsync(["dev-token", "reviewer"]);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, token.Trim());
        Assert.Contains("Auth:DevSigningKey", output, StringComparison.Ordinal);
        Assert.Contains("Auth__DevSigningKey", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevToken_UnknownRole_FailsListingTheValidRoles()
    {
        var environment = new Dictionary<string, string> { ["Auth__DevSigningKey"] = SigningKey };

        var (exitCode, token, output) = await FunctionApp.RunCommandAsync(["dev-token", "mayor"], environment);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, token.Trim());
        Assert.Contains("'mayor' is not a role", output, StringComparison.Ordinal);
        Assert.All(FunctionRoles.All, role => Assert.Contains(role, output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Command_UnknownVerb_FailsListingTheVerbs()
    {
        var (exitCode, _, output) = await FunctionApp.RunCommandAsync(["frobnicate"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown command 'frobnicate'", output, StringComparison.Ordinal);
        Assert.Contains("dev-token", output, StringComparison.Ordinal);
    }
}
