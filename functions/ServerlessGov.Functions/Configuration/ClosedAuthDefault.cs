using System.Security.Cryptography;
using Microsoft.Extensions.Configuration.Memory;

namespace ServerlessGov.Functions.Configuration;

/// <summary>
/// Lets a fresh clone start in Development without configuring tokens: the functions host refuses to serve
/// role-protected functions without a token authority, so when neither <c>Auth:Authority</c> nor
/// <c>Auth:DevSigningKey</c> is set, the app signs with a random key that no one holds. Every role-protected function
/// then answers 401 until a key is configured (<c>dev-token</c> says which setting). Other environments are left alone.
/// </summary>
public static class ClosedAuthDefault
{
    /// <summary>Adds the random key below every other configuration source, in Development only. Call after <c>AddFunctionsHost</c>, and not for commands.</summary>
    public static WebApplicationBuilder UseClosedAuthByDefault(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        if (!builder.Environment.IsDevelopment()
            || !string.IsNullOrWhiteSpace(configuration["Auth:Authority"])
            || !string.IsNullOrWhiteSpace(configuration["Auth:DevSigningKey"]))
        {
            return builder;
        }

        ((IConfigurationBuilder)configuration).Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["Auth:DevSigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
        });
        return builder;
    }
}
