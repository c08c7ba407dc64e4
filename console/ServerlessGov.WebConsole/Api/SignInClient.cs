namespace ServerlessGov.WebConsole.Api;

/// <summary>The local app's development sign-in (Development only): a token for a role, and subjects with cases to sign in as.</summary>
public sealed class SignInClient(HttpClient http) : ApiClient(http)
{
    /// <summary>A development token for <paramref name="role"/> whose <c>sub</c> is <paramref name="subject"/>.</summary>
    public Task<DevelopmentToken> IssueAsync(string role, string? subject, CancellationToken cancellationToken = default) =>
        SendAsync<DevelopmentToken>(HttpMethod.Post, "dev/tokens", new { role, subject }, cancellationToken: cancellationToken);

    /// <summary>A few residents or enterprises that have cases.</summary>
    public Task<List<string>> SubjectsAsync(string kind, CancellationToken cancellationToken = default) =>
        GetAsync<List<string>>(Query("dev/subjects", ("kind", kind), ("limit", 12)), cancellationToken);
}

/// <summary>A development token and what it says.</summary>
public sealed record DevelopmentToken(string Token, string Role, string Subject, DateTimeOffset ExpiresAt);
