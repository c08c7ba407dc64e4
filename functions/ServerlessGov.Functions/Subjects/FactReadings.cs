using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Enterprises.Profiles;

namespace ServerlessGov.Functions.Subjects;

/// <summary>
/// A subject's observations as a person reads them: each fact's name, value, source and as-of, and whether eligibility
/// may use it on a date (fresh, from an authoritative source, not contradicted). Identifier facts are never listed.
/// </summary>
public static class FactReadings
{
    /// <summary>Every observation but identifiers, sorted by fact then source, each with its status on <paramref name="today"/>.</summary>
    public static IReadOnlyList<ProfileFact> Describe(IReadOnlyList<FactValue> observations, BusinessDate today)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var dictionary = DataDictionary.Default;
        var described = new List<ProfileFact>(observations.Count);
        foreach (var observation in observations)
        {
            if (!dictionary.TryGetFact(observation.Fact, out var fact) || fact.Privacy == PrivacyClass.Identifier)
            {
                continue;
            }

            var sourceName = dictionary.TryGetSource(observation.Source, out var source) ? source.Name : null;
            described.Add(new ProfileFact(fact.Name, fact.Label, observation.Value.ToString(), observation.Source, sourceName, observation.AsOf,
                StatusOf(fact, observation, observations, today)));
        }

        return [.. described.OrderBy(f => f.Fact, StringComparer.Ordinal).ThenBy(f => f.Source, StringComparer.Ordinal)];
    }

    private static string StatusOf(FactDefinition fact, FactValue observation, IReadOnlyList<FactValue> all, BusinessDate today)
    {
        var staleBefore = today.StartUtc - fact.Freshness;
        if (!fact.AuthoritativeSources.Contains(observation.Source))
        {
            return "nonAuthoritative";
        }

        if (observation.AsOf < staleBefore)
        {
            return "stale";
        }

        var disagreed = all.Any(other => other.Fact == observation.Fact && other.Source != observation.Source
            && fact.AuthoritativeSources.Contains(other.Source) && other.AsOf >= staleBefore && other.Value.ToString() != observation.Value.ToString());
        return disagreed ? "conflicting" : "usable";
    }
}
