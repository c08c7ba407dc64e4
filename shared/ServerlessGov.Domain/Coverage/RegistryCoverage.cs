using System.Collections.Frozen;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Coverage;

/// <summary>
/// The complete extracts the registry holds declarations for, applied as a subject's facts are loaded: for each fact a
/// source delivers complete extracts of (the dictionary's <c>completeExtracts</c>), a subject the source reported
/// nothing for, who is in the scope of one of its declared extracts, is given the dictionary's absent value from that
/// source as of the newest such extract, marked as an <see cref="Absence"/>. From there evaluation treats it like any
/// observation: fresh, it decides (a known default with its proof); older than the fact's freshness window, it is
/// stale; contradicted by another authoritative source, it conflicts. A subject no extract covers keeps the fact
/// missing. An absence refreshes an older report of the same (absent) value from the source, but never overrides a
/// different value the source reported: a source withdraws a value by reporting the absent value, not by leaving the
/// subject out, so a missing line never turns a recorded death or certificate into its absence.
/// </summary>
public sealed class RegistryCoverage
{
    private readonly Entry[] _entries;

    /// <summary>Holds the declarations, keeping the newest per (source, fact, scope).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A declaration breaks a rule of <see cref="CoverageDeclaration.Check"/> (validate at the boundary first).</exception>
    public RegistryCoverage(DataDictionary dictionary, IEnumerable<CoverageDeclaration> declarations)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        ArgumentNullException.ThrowIfNull(declarations);
        Dictionary = dictionary;
        var newest = new Dictionary<(string Source, string Fact, CoverageScope Scope), CoverageDeclaration>();
        foreach (var declaration in declarations)
        {
            if (CoverageDeclaration.Check(dictionary, declaration.Source, declaration.Facts, declaration.Scope.Fact, declaration.Scope.Values) is { } error)
            {
                throw new ArgumentException($"Coverage declaration {declaration}: {error.Field} {error.Rule}.", nameof(declarations));
            }

            foreach (var fact in declaration.Facts)
            {
                var key = (declaration.Source, fact, declaration.Scope);
                if (!newest.TryGetValue(key, out var held) || held.AsOf < declaration.AsOf)
                {
                    newest[key] = declaration;
                }
            }
        }

        Declarations = newest.Values.Distinct().OrderBy(d => d.Source, StringComparer.Ordinal).ThenBy(d => d.AsOf).ToList();
        _entries = newest
            .GroupBy(n => (n.Key.Source, n.Key.Fact))
            .Select(g =>
            {
                var fact = dictionary.GetFact(g.Key.Fact);
                var source = dictionary.GetSource(g.Key.Source);
                var scopes = g.OrderByDescending(n => n.Value.AsOf)
                    .Select(n => new CoveredScope(
                        n.Key.Scope.Fact is { } f ? dictionary.GetFact(f) : null,
                        n.Key.Scope.Values.ToFrozenSet(StringComparer.Ordinal),
                        new FactValue(fact.Name, fact.AbsentValue!.Value, source.Code, n.Value.AsOf) { Absence = new Absence(source.Code, n.Value.AsOf, n.Key.Scope) }))
                    .ToArray();
                return new Entry(fact, source, fact.AbsentValue!.Value, scopes);
            })
            .OrderBy(e => e.Fact.Id).ThenBy(e => e.Source.Id)
            .ToArray();
    }

    /// <summary>No extract is complete: every absent fact stays missing.</summary>
    public static RegistryCoverage None { get; } = new(DataDictionary.Default, []);

    /// <summary>The dictionary the declarations were checked against.</summary>
    public DataDictionary Dictionary { get; }

    /// <summary>The newest declaration per (source, fact, scope), by source and as-of.</summary>
    public IReadOnlyList<CoverageDeclaration> Declarations { get; }

    /// <summary>
    /// Loads the observations of a subject of <paramref name="kind"/> into <paramref name="facts"/> (cleared first) and
    /// adds, for each complete extract of a fact of its kind that covers it on <paramref name="evaluationDate"/> and in
    /// which the source reported nothing for it (or only the absent value, earlier), the absent value marked with its
    /// <see cref="Absence"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The facts use another dictionary than the declarations.</exception>
    /// <exception cref="KeyNotFoundException">An observation names a fact or source the dictionary lacks.</exception>
    public void Load(SubjectFacts facts, SubjectKind kind, IReadOnlyList<FactValue> observations, BusinessDate evaluationDate)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(observations);
        if (_entries.Length > 0 && !ReferenceEquals(facts.Dictionary, Dictionary))
        {
            throw new ArgumentException("The subject's facts use a different dictionary than the coverage.", nameof(facts));
        }

        facts.Clear();
        for (var i = 0; i < observations.Count; i++)
        {
            facts.Add(observations[i]);
        }

        if (_entries.Length == 0)
        {
            return;
        }

        // Scopes are judged on what the sources reported, before any absence is added. The absences are shared,
        // immutable observations (one per declared extract), so loading a subject allocates nothing for them.
        Span<int> chosen = stackalloc int[_entries.Length];
        var start = evaluationDate.StartUtc.UtcTicks;
        for (var e = 0; e < _entries.Length; e++)
        {
            chosen[e] = -1;
            var entry = _entries[e];
            if (!Describes(kind, entry.Fact.Subject))
            {
                continue;
            }

            var reported = Reported(observations, entry);
            if (reported is not null && reported.Value != entry.Absent)
            {
                continue;
            }

            for (var i = 0; i < entry.Scopes.Length; i++)
            {
                var scope = entry.Scopes[i];
                if (scope.Fact is null || InScope(facts, scope, start))
                {
                    chosen[e] = reported is null || reported.AsOf < scope.Absence.AsOf ? i : -1;
                    break;
                }
            }
        }

        for (var e = 0; e < _entries.Length; e++)
        {
            if (chosen[e] >= 0)
            {
                facts.Add(_entries[e].Scopes[chosen[e]].Absence);
            }
        }
    }

    // A resident carries its household's facts; a household and an enterprise only their own.
    private static bool Describes(SubjectKind kind, SubjectKind factSubject) =>
        factSubject == kind || (kind == SubjectKind.Resident && factSubject == SubjectKind.Household);

    private static FactValue? Reported(IReadOnlyList<FactValue> observations, Entry entry)
    {
        for (var i = 0; i < observations.Count; i++)
        {
            var observation = observations[i];
            if (string.Equals(observation.Fact, entry.Fact.Name, StringComparison.Ordinal) && string.Equals(observation.Source, entry.Source.Code, StringComparison.Ordinal))
            {
                return observation;
            }
        }

        return null;
    }

    private static bool InScope(SubjectFacts facts, CoveredScope scope, long evaluationStartTicks)
    {
        var fact = scope.Fact!;
        var staleBefore = evaluationStartTicks - fact.Freshness.Ticks;
        return facts.StatusOf(fact, staleBefore) == FactStatus.Usable
            && facts.UsableValue(fact.Id, staleBefore) is { Kind: Rules.ValueKind.Text } value
            && scope.Values.Contains(value.AsText);
    }

    private sealed record Entry(FactDefinition Fact, SourceDefinition Source, Rules.RuleValue Absent, CoveredScope[] Scopes);

    // One declared scope of an extract: the fact and values that place a subject in it (null fact: everyone), and the
    // absence a subject in it gets.
    private sealed record CoveredScope(FactDefinition? Fact, FrozenSet<string> Values, FactValue Absence);
}
