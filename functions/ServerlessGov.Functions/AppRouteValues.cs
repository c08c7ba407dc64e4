using System.Text.RegularExpressions;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Hosting.Http;

namespace ServerlessGov.Functions;

/// <summary>
/// Every identifier the app's URLs carry, with its length and character rule, checked by the host before a function
/// runs (docs/SECURITY.md lists them). A value shaped like an identity number is refused in every one of them with the
/// way to look a subject up by a request body instead, so an identity number typed into a URL is never echoed, logged
/// or stored. A feature declares the rules of its own routes (<c>functions.RouteValue(AppRouteValues.PolicyId)</c>).
/// </summary>
public static partial class AppRouteValues
{
    /// <summary>What a caller is told when an identity number appears in a URL.</summary>
    public const string IdentityNumberInUrl =
        "an identity number never goes in a URL: look the subject up with POST /api/subjects/lookup {\"kind\": …, \"identifier\": …} and use the subject id it returns";

    /// <summary><c>{policyId}</c>: a policy's stable id.</summary>
    public static RouteValueRule PolicyId { get; } = Rule("policyId", 64, "a policy id: 3-64 of a-z, 0-9 and '-', starting with a letter or digit", PolicyIdPattern());

    /// <summary><c>{version}</c>: a published version number.</summary>
    public static RouteValueRule Version { get; } = Rule("version", 9, "a version number: 1-9 digits", VersionPattern());

    /// <summary><c>{subjectId}</c>: a resident's, household's or enterprise's pseudonymous id.</summary>
    public static RouteValueRule SubjectId { get; } = Rule("subjectId", 64, "a pseudonymous subject id: 4-64 of A-Z, a-z, 0-9, '-' and '_'", SubjectIdPattern());

    /// <summary><c>{enterpriseId}</c>: an enterprise's pseudonymous subject id.</summary>
    public static RouteValueRule EnterpriseId { get; } = Rule("enterpriseId", 64, "an enterprise's pseudonymous subject id: 4-64 of A-Z, a-z, 0-9, '-' and '_'", SubjectIdPattern());

    /// <summary><c>{period}</c>: the period a case pays.</summary>
    public static RouteValueRule Period { get; } = Rule("period", 7, "a period: 'once', a year (2026) or a month (2026-11)", PeriodPattern());

    /// <summary><c>{importId}</c>: a subject import.</summary>
    public static RouteValueRule ImportId { get; } = Rule("importId", 64, "an import id: 4-64 of A-Z, a-z, 0-9, '-' and '_'", ImportIdPattern());

    /// <summary><c>{id}</c> under <c>reviews/</c>: a review item.</summary>
    public static RouteValueRule ReviewId { get; } = Rule("id", 64, "a review item id: 3-64 of a-z, 0-9 and '-'", LowerTokenPattern());

    /// <summary><c>{entryId}</c>: a notification in a person's inbox.</summary>
    public static RouteValueRule InboxEntryId { get; } = Rule("entryId", 64, "an inbox entry id: 64 hex digits", InboxEntryIdPattern());

    /// <summary><c>{eventId}</c>: a notification's CloudEvent id.</summary>
    public static RouteValueRule EventId { get; } = Rule("eventId", 64, "a notification id: 3-64 of a-z, 0-9 and '-'", LowerTokenPattern());

    /// <summary><c>{category}</c>: a notification category an enterprise opts out of.</summary>
    public static RouteValueRule Category { get; } = Rule("category", 64, "a category: 1-64 of a-z, 0-9 and '-', starting with a letter or digit", CategoryPattern());

    /// <summary><c>{key}</c>: a payment's idempotency key at the bank.</summary>
    public static RouteValueRule IdempotencyKey { get; } = new("key", IdempotencyKeys.MaxLength, IdempotencyKeys.Rule, key => IdempotencyKeys.IsValid(key) ? null : IdempotencyKeys.Rule);

    private static RouteValueRule Rule(string name, int maxLength, string description, Regex pattern) =>
        new(name, maxLength, description, value =>
            Domain.Values.SubjectId.LooksLikeIdentityNumber(value) ? IdentityNumberInUrl
            : pattern.IsMatch(value) ? null
            : description);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyIdPattern();

    [GeneratedRegex("^[1-9][0-9]{0,8}$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{4,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectIdPattern();

    [GeneratedRegex("^(once|[0-9]{4}|[0-9]{4}-(0[1-9]|1[0-2]))$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{4,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ImportIdPattern();

    [GeneratedRegex("^[a-z0-9-]{3,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex LowerTokenPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CategoryPattern();

    [GeneratedRegex("^[0-9A-Fa-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex InboxEntryIdPattern();
}
