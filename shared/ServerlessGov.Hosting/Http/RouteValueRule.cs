using System.Text.RegularExpressions;

namespace ServerlessGov.Hosting.Http;

/// <summary>
/// What the value of one route parameter (<c>{policyId}</c>) may be, checked by the host before a function runs: a
/// value that breaks it is answered with 400 naming the parameter and the rule, never echoed, never logged, and never
/// reaches the handler. The host refuses to start an app with an HTTP route parameter that has no rule, so every
/// identifier in a URL has a documented length and character rule.
/// </summary>
public sealed class RouteValueRule
{
    private readonly Func<string, string?> _check;

    /// <summary>Creates a rule.</summary>
    /// <param name="name">The route parameter it governs, as written in route templates.</param>
    /// <param name="maxLength">The longest value; checked before anything else looks at the value.</param>
    /// <param name="description">The rule in words, as the 400 answer and the documentation state it.</param>
    /// <param name="check">Returns null for a valid value, or what is wrong with it (without quoting it).</param>
    /// <exception cref="ArgumentException">The name or description is empty, or the length is not positive.</exception>
    public RouteValueRule(string name, int maxLength, string description, Func<string, string?> check)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        ArgumentNullException.ThrowIfNull(check);
        Name = name;
        MaxLength = maxLength;
        Description = description;
        _check = check;
    }

    /// <summary>The route parameter's name.</summary>
    public string Name { get; }

    /// <summary>The longest value accepted.</summary>
    public int MaxLength { get; }

    /// <summary>The rule in words.</summary>
    public string Description { get; }

    /// <summary>A rule that accepts the values <paramref name="pattern"/> matches in full (and no longer than <paramref name="maxLength"/>).</summary>
    /// <exception cref="ArgumentException">See the constructor.</exception>
    public static RouteValueRule Matching(string name, int maxLength, string description, Regex pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new RouteValueRule(name, maxLength, description, value => pattern.IsMatch(value) ? null : description);
    }

    /// <summary>Null when <paramref name="value"/> keeps the rule; otherwise what the caller is told (never the value itself).</summary>
    public string? Check(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0 || value.Length > MaxLength ? Description : _check(value);
    }
}
