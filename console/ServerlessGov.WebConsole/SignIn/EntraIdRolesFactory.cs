using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication.Internal;

namespace ServerlessGov.WebConsole.SignIn;

/// <summary>
/// Entra ID sends several app roles as one JSON array in the <c>roles</c> claim; the console needs one claim per role
/// to show each person the pages of each of their roles.
/// </summary>
public sealed class EntraIdRolesFactory(IAccessTokenProviderAccessor accessor) : AccountClaimsPrincipalFactory<RemoteUserAccount>(accessor)
{
    /// <inheritdoc />
    public override async ValueTask<ClaimsPrincipal> CreateUserAsync(RemoteUserAccount account, RemoteAuthenticationUserOptions options)
    {
        var user = await base.CreateUserAsync(account, options);
        if (user.Identity is not ClaimsIdentity identity || account is null
            || !account.AdditionalProperties.TryGetValue(ConsoleRoles.ClaimType, out var roles) || roles is not JsonElement { ValueKind: JsonValueKind.Array } array)
        {
            return user;
        }

        foreach (var existing in identity.FindAll(ConsoleRoles.ClaimType).ToList())
        {
            identity.RemoveClaim(existing);
        }

        foreach (var role in array.EnumerateArray())
        {
            identity.AddClaim(new Claim(ConsoleRoles.ClaimType, role.ToString()));
        }

        return user;
    }
}
