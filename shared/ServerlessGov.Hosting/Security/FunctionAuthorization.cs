namespace ServerlessGov.Hosting.Security;

/// <summary>
/// Who may call an HTTP function. Every HTTP function must declare one: bearer-token roles, a function key (system
/// endpoints), or <see cref="Public"/>, an explicit and greppable decision that anyone may call it.
/// </summary>
public sealed record FunctionAuthorization
{
    private FunctionAuthorization(AuthorizationKind kind, IReadOnlyList<string> roles)
    {
        Kind = kind;
        AllowedRoles = roles;
    }

    /// <summary>Anyone, without credentials. Use only for what is meant to be public (health, published policies).</summary>
    public static FunctionAuthorization Public { get; } = new(AuthorizationKind.Public, []);

    /// <summary>A caller presenting a function key (<c>x-functions-key</c> header or <c>code</c> query), as Azure's function-level auth.</summary>
    public static FunctionAuthorization FunctionKey { get; } = new(AuthorizationKind.FunctionKey, []);

    /// <summary>What kind of check applies.</summary>
    public AuthorizationKind Kind { get; }

    /// <summary>For <see cref="AuthorizationKind.Roles"/>: the roles admitted (any one suffices).</summary>
    public IReadOnlyList<string> AllowedRoles { get; }

    /// <summary>A bearer token carrying at least one of <paramref name="roles"/>.</summary>
    /// <exception cref="ArgumentException">No role given, or one that is not in <see cref="FunctionRoles.All"/>.</exception>
    public static FunctionAuthorization Roles(params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Length == 0)
        {
            throw new ArgumentException("Name at least one role; use FunctionAuthorization.Public for an open endpoint.", nameof(roles));
        }

        foreach (var role in roles)
        {
            if (!FunctionRoles.All.Contains(role))
            {
                throw new ArgumentException($"'{role}' is not a known role; known roles: {string.Join(", ", FunctionRoles.All)}.", nameof(roles));
            }
        }

        return new(AuthorizationKind.Roles, roles.Distinct(StringComparer.Ordinal).ToArray());
    }

    public override string ToString() => Kind switch
    {
        AuthorizationKind.Public => "public",
        AuthorizationKind.FunctionKey => "function key",
        _ => "roles: " + string.Join(", ", AllowedRoles),
    };
}
