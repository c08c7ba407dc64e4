using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ServerlessGov.Hosting.Security;

/// <summary>
/// Issues bearer tokens for local development, signed with the symmetric key from <c>Auth:DevSigningKey</c>, which
/// the host accepts when no production authority (<c>Auth:Authority</c>) is configured. A CLI prints one per role.
/// </summary>
public sealed class DevTokenIssuer
{
    /// <summary>The issuer (<c>iss</c>) of development tokens.</summary>
    public const string Issuer = "serverlessgov-dev";

    /// <summary>The audience (<c>aud</c>) of development tokens.</summary>
    public const string Audience = "serverlessgov";

    /// <summary>Fewest characters a development signing key may have (HS256 needs 256 bits).</summary>
    public const int MinimumKeyLength = 32;

    private readonly SymmetricSecurityKey _key;
    private readonly TimeProvider _timeProvider;

    /// <exception cref="ArgumentException">The key is shorter than <see cref="MinimumKeyLength"/> characters.</exception>
    public DevTokenIssuer(string signingKey, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(signingKey);
        if (signingKey.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"Auth:DevSigningKey must be at least {MinimumKeyLength} characters.", nameof(signingKey));
        }

        _key = CreateKey(signingKey);
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>A signed token for <paramref name="subject"/> carrying <paramref name="roles"/>, valid for <paramref name="lifetime"/> (default 8 hours).</summary>
    /// <exception cref="ArgumentException">A role is not one of <see cref="FunctionRoles.All"/>.</exception>
    public string Issue(IEnumerable<string> roles, string subject = "dev-user", TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, subject) };
        foreach (var role in roles)
        {
            if (!FunctionRoles.All.Contains(role))
            {
                throw new ArgumentException($"'{role}' is not a known role; known roles: {string.Join(", ", FunctionRoles.All)}.", nameof(roles));
            }

            claims.Add(new Claim(FunctionsAuthentication.RoleClaimType, role));
        }

        var now = _timeProvider.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>A token carrying one role.</summary>
    /// <exception cref="ArgumentException">The role is not one of <see cref="FunctionRoles.All"/>.</exception>
    public string Issue(string role, string subject = "dev-user", TimeSpan? lifetime = null) => Issue([role], subject, lifetime);

    internal static SymmetricSecurityKey CreateKey(string signingKey) => new(Encoding.UTF8.GetBytes(signingKey));
}
