using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using ServerlessGov.Functions.Cases.Api;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.WebConsole;

/// <summary>
/// The console's sign-in on a developer's machine: a development token for a chosen role, and a few residents and
/// enterprises that have cases to sign in as. Declared only in the Development environment with an
/// <c>Auth:DevSigningKey</c> configured, the key the <c>dev-token</c> command signs with; in Azure people sign in with
/// Entra ID instead, and these functions do not exist.
/// </summary>
public static class DevelopmentSignInFunctions
{
    /// <summary>The longest a development token lives.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(8);

    /// <summary>The most subjects offered per kind.</summary>
    public const int MaxSubjects = 50;

    /// <summary>
    /// Declares <c>IssueDevelopmentToken</c> (<c>POST dev/tokens</c>) and <c>ListDevelopmentSubjects</c>
    /// (<c>GET dev/subjects</c>), public on purpose, when <paramref name="builder"/> runs in Development with a
    /// configured <c>Auth:DevSigningKey</c> and no <c>Auth:Authority</c>; otherwise declares nothing.
    /// </summary>
    public static FunctionsBuilder AddDevelopmentSignInFunctions(this FunctionsBuilder functions, WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        if (!builder.Environment.IsDevelopment()
            || !string.IsNullOrWhiteSpace(configuration["Auth:Authority"])
            || configuration["Auth:DevSigningKey"] is not { Length: >= DevTokenIssuer.MinimumKeyLength })
        {
            return functions;
        }

        return functions
            .Http("IssueDevelopmentToken", "POST", "dev/tokens", IssueAsync, FunctionAuthorization.Public)
            .Http("ListDevelopmentSubjects", "GET", "dev/subjects", ListSubjectsAsync, FunctionAuthorization.Public);
    }

    /// <summary>POST dev/tokens <c>{role, subject}</c>: a development token for the role, with <c>sub</c> = subject (default <c>dev-{role}</c>).</summary>
    /// <exception cref="RequestValidationException">The role is unknown, or the subject is malformed.</exception>
    public static Ok<DevelopmentToken> IssueAsync(DevelopmentTokenRequest body, DevTokenIssuer issuer, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(time);
        var role = body?.Role;
        if (role is null || !FunctionRoles.All.Contains(role))
        {
            throw new RequestValidationException("role", "must be one of " + string.Join(", ", FunctionRoles.All.Order(StringComparer.Ordinal)));
        }

        var subject = string.IsNullOrWhiteSpace(body!.Subject) ? "dev-" + role : body.Subject;
        if (subject.Length is < 3 or > 64 || !subject.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new RequestValidationException("subject", "3-64 of A-Z, a-z, 0-9, '-' and '_' (a pseudonymous subject id or a staff user id, never an identity number)");
        }

        var token = issuer.Issue([role], subject, TokenLifetime);
        return TypedResults.Ok(new DevelopmentToken(token, role, subject, time.GetUtcNow() + TokenLifetime));
    }

    /// <summary>GET dev/subjects?kind=resident|enterprise&amp;limit=: subjects with cases, a few per published policy, to sign in as.</summary>
    /// <exception cref="RequestValidationException">The kind or the limit is out of range.</exception>
    public static async Task<Ok<IReadOnlyList<string>>> ListSubjectsAsync(string? kind, int? limit, CaseDirectory cases, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(durable);
        var prefix = kind switch
        {
            null or "resident" => "r-",
            "enterprise" => "e-",
            _ => throw new RequestValidationException("kind", "must be resident or enterprise"),
        };
        if (limit is < 1 or > MaxSubjects)
        {
            throw new RequestValidationException("limit", $"must be between 1 and {MaxSubjects}");
        }

        var wanted = limit ?? 10;
        var subjects = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var policyId in await cases.PolicyIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            var page = await durable.QueryPageAsync($"case|{policyId}|{prefix}", 3, null, cancellationToken).ConfigureAwait(false);
            foreach (var instance in page.Values)
            {
                subjects.Add(instance.InstanceId.Split('|')[2]);
            }

            if (subjects.Count >= wanted)
            {
                break;
            }
        }

        return TypedResults.Ok<IReadOnlyList<string>>(subjects.Take(wanted).ToList());
    }
}

/// <summary>What the console's role picker asks for.</summary>
/// <param name="Role">One of the API's roles.</param>
/// <param name="Subject">The token's <c>sub</c>: a resident's or enterprise's subject id, or a staff user id.</param>
public sealed record DevelopmentTokenRequest(string? Role, string? Subject);

/// <summary>A development token and what it says.</summary>
/// <param name="Token">The bearer token.</param>
/// <param name="Role">Its role.</param>
/// <param name="Subject">Its <c>sub</c>.</param>
/// <param name="ExpiresAt">When it stops working.</param>
public sealed record DevelopmentToken(string Token, string Role, string Subject, DateTimeOffset ExpiresAt);
