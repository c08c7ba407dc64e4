namespace ServerlessGov.Hosting.Configuration;

/// <summary>The <c>Auth:*</c> settings (local.settings.json <c>Values</c> or environment): who signs tokens and which function keys exist.</summary>
public sealed record AuthSettings
{
    /// <summary>Symmetric key for locally issued development tokens; ignored when <see cref="Authority"/> is set.</summary>
    public string? DevSigningKey { get; init; }

    /// <summary>The production token issuer (OpenID Connect authority, e.g. Entra ID); null for development tokens.</summary>
    public string? Authority { get; init; }

    /// <summary>The audience tokens must carry.</summary>
    public string Audience { get; init; } = Security.DevTokenIssuer.Audience;

    /// <summary>Function keys by name.</summary>
    public IReadOnlyDictionary<string, string> FunctionKeys { get; init; } = new Dictionary<string, string>();
}
