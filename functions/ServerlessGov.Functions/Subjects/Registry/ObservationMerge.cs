namespace ServerlessGov.Functions.Subjects.Registry;

/// <summary>
/// The registry's one merge rule: per (fact, source) the newest as-of wins; an older or equally old observation
/// changes nothing (so a repeated message or a re-imported line is a no-op). Different sources are kept side by side,
/// so conflicting authoritative sources stay visible to evaluation.
/// </summary>
internal static class ObservationMerge
{
    /// <summary>Merges <paramref name="incoming"/> into <paramref name="stored"/> in place; returns the names of the facts that changed.</summary>
    public static IReadOnlyList<string> Into(List<StoredObservation> stored, IEnumerable<StoredObservation> incoming)
    {
        List<string>? changed = null;
        foreach (var observation in incoming)
        {
            var index = stored.FindIndex(s => s.Fact == observation.Fact && s.Source == observation.Source);
            if (index >= 0 && stored[index].AsOf >= observation.AsOf)
            {
                continue;
            }

            if (index >= 0)
            {
                stored[index] = observation;
            }
            else
            {
                stored.Add(observation);
            }

            changed ??= [];
            if (!changed.Contains(observation.Fact))
            {
                changed.Add(observation.Fact);
            }
        }

        return changed ?? (IReadOnlyList<string>)[];
    }
}
