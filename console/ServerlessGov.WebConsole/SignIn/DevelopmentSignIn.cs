using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication;
using Microsoft.JSInterop;

namespace ServerlessGov.WebConsole.SignIn;

/// <summary>
/// Signs a person in locally with a development token the app issues for a chosen role (the app offers this in
/// Development only). The token is kept in the tab's session storage, its claims make the signed-in user, and it is
/// handed to the API as a bearer token like an Entra ID token would be.
/// </summary>
public sealed class DevelopmentSignIn(IJSRuntime js, NavigationManager navigation) : AuthenticationStateProvider, IAccessTokenProvider
{
    private const string StorageKey = "serverlessgov.devToken";
    private string? _token;
    private bool _loaded;

    /// <inheritdoc />
    public override async Task<AuthenticationState> GetAuthenticationStateAsync()
    {
        var token = await TokenAsync();
        return new AuthenticationState(token is null ? new ClaimsPrincipal(new ClaimsIdentity()) : Principal(token));
    }

    /// <summary>Keeps <paramref name="token"/> for this tab and tells the console who is signed in now.</summary>
    public async Task SignInAsync(string token)
    {
        _token = token;
        _loaded = true;
        await js.InvokeVoidAsync("sessionStorage.setItem", StorageKey, token);
        NotifyAuthenticationStateChanged(GetAuthenticationStateAsync());
    }

    /// <summary>Forgets the token.</summary>
    public async Task SignOutAsync()
    {
        _token = null;
        _loaded = true;
        await js.InvokeVoidAsync("sessionStorage.removeItem", StorageKey);
        NotifyAuthenticationStateChanged(GetAuthenticationStateAsync());
    }

    /// <inheritdoc />
    public ValueTask<AccessTokenResult> RequestAccessToken() => RequestAccessToken(new AccessTokenRequestOptions());

    /// <inheritdoc />
    public async ValueTask<AccessTokenResult> RequestAccessToken(AccessTokenRequestOptions options)
    {
        var token = await TokenAsync();
        return token is null
            ? new AccessTokenResult(AccessTokenResultStatus.RequiresRedirect, new AccessToken(), "sign-in?returnUrl=" + Uri.EscapeDataString(navigation.Uri), null)
            : new AccessTokenResult(AccessTokenResultStatus.Success, new AccessToken { Value = token, Expires = Expiry(token) }, null, null);
    }

    private async Task<string?> TokenAsync()
    {
        if (!_loaded)
        {
            _token = await js.InvokeAsync<string?>("sessionStorage.getItem", StorageKey);
            _loaded = true;
        }

        if (_token is not null && Expiry(_token) <= DateTimeOffset.UtcNow)
        {
            _token = null;
        }

        return _token;
    }

    private static ClaimsPrincipal Principal(string token)
    {
        using var payload = Payload(token);
        var claims = new List<Claim>();
        foreach (var property in payload.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                claims.AddRange(property.Value.EnumerateArray().Select(v => new Claim(property.Name, v.ToString())));
            }
            else
            {
                claims.Add(new Claim(property.Name, property.Value.ToString()));
            }
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "development-token", "sub", ConsoleRoles.ClaimType));
    }

    private static DateTimeOffset Expiry(string token)
    {
        using var payload = Payload(token);
        return payload.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MaxValue;
    }

    private static JsonDocument Payload(string token)
    {
        var parts = token.Split('.');
        var body = parts.Length == 3 ? parts[1].Replace('-', '+').Replace('_', '/') : "";
        body = body.PadRight(body.Length + ((4 - (body.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(body)));
    }
}
