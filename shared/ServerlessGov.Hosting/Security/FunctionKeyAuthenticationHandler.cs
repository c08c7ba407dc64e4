using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ServerlessGov.Hosting.Security;

/// <summary>Authenticates a caller by a function key in the <c>x-functions-key</c> header or the <c>code</c> query, as Azure Functions does.</summary>
internal sealed class FunctionKeyAuthenticationHandler(
    IOptionsMonitor<FunctionKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<FunctionKeyAuthenticationOptions>(options, logger, encoder)
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = Request.Headers[HeaderName];
        if (string.IsNullOrEmpty(presented))
        {
            presented = Request.Query[QueryName];
        }

        if (string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        foreach (var (name, key) in Options.Keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presentedBytes, Encoding.UTF8.GetBytes(key)))
            {
                var identity = new ClaimsIdentity([new Claim("keyName", name)], FunctionsAuthentication.FunctionKeyScheme);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("The function key is not valid."));
    }
}
