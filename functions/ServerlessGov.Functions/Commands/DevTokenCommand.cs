using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Commands;

/// <summary>
/// <c>dev-token &lt;role&gt; [&lt;role&gt; …] [--subject &lt;id&gt;]</c>: prints a development bearer token carrying the
/// roles, signed with <c>Auth:DevSigningKey</c>, for calling the local app (<c>Authorization: Bearer &lt;token&gt;</c>).
/// Its <c>sub</c> is <c>--subject</c> (a resident's or enterprise's pseudonymous subject id, so the token reaches their
/// own cases) or <c>dev-&lt;first role&gt;</c>.
/// </summary>
public sealed class DevTokenCommand : IAppCommand
{
    private const string SigningKeySetting = "Auth:DevSigningKey";
    private const string AuthoritySetting = "Auth:Authority";

    /// <inheritdoc />
    public string Name => "dev-token";

    /// <inheritdoc />
    public string Usage => "<role> [<role> …] [--subject <subject id>]  prints a development bearer token (8 hours) carrying the roles, for that subject; needs Auth:DevSigningKey";

    /// <inheritdoc />
    public async Task<int> RunAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = CommandOptions.Parse(context.Arguments);
        var roles = options.Positional;
        var validRoles = string.Join(", ", FunctionRoles.All);
        if (roles.Count == 0 || options.Has("--subject") || options.Get("--subject") is { Length: 0 })
        {
            await context.Error.WriteLineAsync($"Usage: dev-token <role> [<role> …] [--subject <subject id>]. Roles: {validRoles}.").ConfigureAwait(false);
            return 2;
        }

        if (roles.FirstOrDefault(r => !FunctionRoles.All.Contains(r)) is { } unknown)
        {
            await context.Error.WriteLineAsync($"'{unknown}' is not a role. Roles: {validRoles}.").ConfigureAwait(false);
            return 2;
        }

        if (!context.App.Environment.IsDevelopment())
        {
            await context.Error.WriteLineAsync(
                $"Development tokens are accepted only in the Development environment, and this is '{context.App.Environment.EnvironmentName}': the app would refuse the token (and refuses to start with {SigningKeySetting} set). Use tokens from {AuthoritySetting}.").ConfigureAwait(false);
            return 1;
        }

        var configuration = context.Services.GetRequiredService<IConfiguration>();
        if (!string.IsNullOrWhiteSpace(configuration[AuthoritySetting]))
        {
            await context.Error.WriteLineAsync($"{AuthoritySetting} is set, so the app accepts only that issuer's tokens and would refuse a development token. Remove it to use development tokens.").ConfigureAwait(false);
            return 1;
        }

        var key = configuration[SigningKeySetting];
        if (string.IsNullOrEmpty(key))
        {
            await context.Error.WriteLineAsync(
                $"{SigningKeySetting} is not set. Set it to a secret of at least {DevTokenIssuer.MinimumKeyLength} characters in local.settings.json Values (\"Auth__DevSigningKey\") or the environment (Auth__DevSigningKey).").ConfigureAwait(false);
            return 1;
        }

        if (key.Length < DevTokenIssuer.MinimumKeyLength)
        {
            await context.Error.WriteLineAsync($"{SigningKeySetting} must be at least {DevTokenIssuer.MinimumKeyLength} characters (it has {key.Length}).").ConfigureAwait(false);
            return 1;
        }

        var issuer = new DevTokenIssuer(key, context.Services.GetRequiredService<TimeProvider>());
        await context.Output.WriteLineAsync(issuer.Issue(roles, subject: options.Get("--subject") ?? "dev-" + roles[0])).ConfigureAwait(false);
        return 0;
    }
}
