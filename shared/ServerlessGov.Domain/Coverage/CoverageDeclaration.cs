using ServerlessGov.Domain.Dictionary;

namespace ServerlessGov.Domain.Coverage;

/// <summary>
/// A source's declaration that its extract of <see cref="Facts"/> as of <see cref="AsOf"/> is complete for
/// <see cref="Scope"/>: every subject in scope for whom the source holds a value other than the dictionary's absent
/// value is in it. Imports and data pushes carry declarations (docs/SUBJECTS.md); evaluation reads a subject's absence
/// from a covering extract as evidence (<see cref="RegistryCoverage"/>).
/// </summary>
/// <param name="Source">The source code, e.g. <c>cdpf</c>.</param>
/// <param name="Facts">The facts the extract is complete for; the dictionary must list the source under each fact's complete extracts.</param>
/// <param name="Scope">Whom the extract covers.</param>
/// <param name="AsOf">The instant (UTC) the extract describes.</param>
public sealed record CoverageDeclaration(string Source, IReadOnlyList<string> Facts, CoverageScope Scope, DateTimeOffset AsOf)
{
    /// <summary>
    /// Checks a declaration against the dictionary; null when valid, otherwise the field (<c>source</c>,
    /// <c>facts[1]</c>, <c>scope.fact</c>, <c>scope.values[0]</c>) and the rule it breaks.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static (string Field, string Rule)? Check(DataDictionary dictionary, string? source, IReadOnlyList<string?>? facts, string? scopeFact, IReadOnlyList<string?>? scopeValues)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        if (source is null || !dictionary.TryGetSource(source, out var definition))
        {
            return ("source", "must name a source of the data dictionary");
        }

        if (facts is null || facts.Count == 0)
        {
            return ("facts", "must list at least one fact the extract is complete for");
        }

        SubjectKind? kind = null;
        for (var i = 0; i < facts.Count; i++)
        {
            if (facts[i] is not { } name || !dictionary.TryGetFact(name, out var fact))
            {
                return ($"facts[{i}]", "must name a fact of the data dictionary");
            }

            if (!fact.IsComplete(definition.Id))
            {
                return ($"facts[{i}]", $"the data dictionary does not list {source} as delivering complete extracts of {name}");
            }

            var factKind = fact.Subject == SubjectKind.Enterprise ? SubjectKind.Enterprise : SubjectKind.Resident;
            if (kind is { } k && k != factKind)
            {
                return ($"facts[{i}]", "one declaration covers either enterprise facts or resident and household facts");
            }

            kind = factKind;
        }

        if (scopeFact is null)
        {
            return scopeValues is { Count: > 0 } ? ("scope.fact", "names the fact the scope's values are values of") : null;
        }

        if (!dictionary.TryGetFact(scopeFact, out var scope) || scope.Type is not (FactType.Enum or FactType.String) || scope.Privacy == PrivacyClass.Identifier)
        {
            return ("scope.fact", "must name an enum or text fact of the data dictionary that is not an identity number");
        }

        if ((scope.Subject == SubjectKind.Enterprise) != (kind == SubjectKind.Enterprise))
        {
            return ("scope.fact", "must describe the same kind of subject as the facts");
        }

        if (scopeValues is null || scopeValues.Count == 0)
        {
            return ("scope.values", "must list at least one value (leave the scope out to cover every subject)");
        }

        for (var i = 0; i < scopeValues.Count; i++)
        {
            if (scopeValues[i] is not { Length: > 0 } value || (scope.Type == FactType.Enum && !scope.EnumValues.Contains(value)))
            {
                return ($"scope.values[{i}]", $"must be a value of {scopeFact}");
            }
        }

        return null;
    }

    /// <summary>The declaration as staff read it: <c>cdpf: disability.certified as of 2026-12-01 covering 余杭区</c>.</summary>
    public override string ToString() =>
        $"{Source}: {string.Join(", ", Facts)} as of {Values.BusinessDate.FromInstant(AsOf)} covering {Scope.Describe(Language.En)}";
}
