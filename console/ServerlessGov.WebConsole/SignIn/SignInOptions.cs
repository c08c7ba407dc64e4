namespace ServerlessGov.WebConsole.SignIn;

/// <summary>
/// How people sign in, read from <c>wwwroot/appsettings.json</c> (section <c>SignIn</c>): development tokens from the
/// local app (Development only), or Entra ID through OpenID Connect with the same role claims.
/// </summary>
public sealed class SignInOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SignIn";

    /// <summary><see cref="SignInMode.DevelopmentTokens"/> locally, <see cref="SignInMode.EntraId"/> when deployed.</summary>
    public SignInMode Mode { get; set; } = SignInMode.EntraId;

    /// <summary>Entra ID's OpenID Connect authority, e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The console's application (client) id in Entra ID.</summary>
    public string? ClientId { get; set; }

    /// <summary>The API scopes to ask for, e.g. <c>api://{api-client-id}/access_as_user</c>; their tokens carry the <c>roles</c> claim.</summary>
    public IList<string> ApiScopes { get; } = [];

    /// <summary>True when Entra ID sign-in has what it needs; otherwise the console says sign-in is not configured.</summary>
    public bool IsEntraIdConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>Where the console's tokens come from.</summary>
public enum SignInMode
{
    /// <summary>A role picker that asks the local app (Development only) for a development token.</summary>
    DevelopmentTokens,

    /// <summary>Entra ID sign-in (authorization code with PKCE); app roles arrive in the <c>roles</c> claim.</summary>
    EntraId,
}
