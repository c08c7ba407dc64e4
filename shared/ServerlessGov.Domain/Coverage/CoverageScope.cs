using ServerlessGov.Domain.Dictionary;

namespace ServerlessGov.Domain.Coverage;

/// <summary>
/// Whom a complete extract covers: every subject whose <see cref="Fact"/> (e.g. <c>household.district</c>) is one of
/// <see cref="Values"/>, or every subject when <see cref="Fact"/> is null. A subject is in scope only when that fact is
/// usable (authoritative, fresh, uncontradicted) on the evaluation date.
/// </summary>
/// <param name="Fact">The fact that places a subject in the scope, or null for every subject.</param>
/// <param name="Values">The values of <paramref name="Fact"/> the extract covers (empty for every subject).</param>
public sealed record CoverageScope(string? Fact, IReadOnlyList<string> Values)
{
    /// <summary>Every subject of the facts' kind.</summary>
    public static CoverageScope Everyone { get; } = new(null, []);

    /// <summary>The scope as one comparable text, e.g. <c>household.district=余杭区;临平区</c>, or <c>*</c> for everyone.</summary>
    public string Key => Fact is null ? "*" : Fact + "=" + string.Join(';', Values.Order(StringComparer.Ordinal));

    /// <summary>The scope as a resident reads it: the covered values (<c>余杭区</c>), or the whole registry.</summary>
    public string Describe(Language language) => Fact is null
        ? (language == Language.Zh ? "全部登记对象" : "every registered subject")
        : string.Join(language == Language.Zh ? "、" : ", ", Values);

    /// <summary>Equal scopes name the same fact and the same values in any order.</summary>
    public bool Equals(CoverageScope? other) => other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    /// <summary>Parses the text form <see cref="Key"/> writes (<c>*</c>, empty, or <c>fact=value;value</c>).</summary>
    /// <exception cref="FormatException">The text has no '=' between a fact and its values.</exception>
    public static CoverageScope Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "*")
        {
            return Everyone;
        }

        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new FormatException("A scope is '*' or 'fact=value;value'.");
        }

        var values = text[(equals + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new CoverageScope(text[..equals].Trim(), values);
    }
}
