using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Rules;

namespace ServerlessGov.Domain.Evaluation;

/// <summary>
/// The facts known about one subject, held as flat arrays indexed by dictionary fact id (not dictionaries of
/// strings) so evaluation is a few array reads. Reusable: <see cref="Clear"/> and refill for the next subject.
/// </summary>
public sealed class SubjectFacts
{
    private readonly RuleValue[] _values;
    private readonly short[] _sources;
    private readonly long[] _asOfTicks;
    private FactValue?[]? _conflicts;

    /// <summary>Creates an empty set of facts for the dictionary.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="dictionary"/> is null.</exception>
    public SubjectFacts(DataDictionary dictionary)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        Dictionary = dictionary;
        _values = new RuleValue[dictionary.Facts.Count];
        _sources = new short[dictionary.Facts.Count];
        _asOfTicks = new long[dictionary.Facts.Count];
        Array.Fill(_sources, (short)-1);
    }

    /// <summary>The dictionary the fact ids refer to.</summary>
    public DataDictionary Dictionary { get; }

    internal RuleValue[] Values => _values;

    internal short[] Sources => _sources;

    internal long[] AsOfTicks => _asOfTicks;

    internal FactValue?[]? Conflicts => _conflicts;

    /// <summary>Forgets every fact so the instance can hold the next subject.</summary>
    public void Clear()
    {
        Array.Fill(_sources, (short)-1);
        if (_conflicts is not null)
        {
            Array.Clear(_conflicts);
        }
    }

    /// <summary>
    /// Records an observation. Two authoritative sources that disagree make the fact conflicting; a newer value from
    /// the same source replaces the older; an authoritative value displaces a non-authoritative one and is never
    /// displaced by one.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The fact or source is not in the dictionary.</exception>
    public void Add(FactValue observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var fact = Dictionary.GetFact(observation.Fact);
        var source = Dictionary.GetSource(observation.Source);
        var id = fact.Id;
        var existing = _sources[id];
        if (existing < 0)
        {
            Set(id, observation.Value, source.Id, observation.AsOf);
            return;
        }

        var newAuthoritative = fact.IsAuthoritative(source.Id);
        var oldAuthoritative = fact.IsAuthoritative(existing);
        if (existing == source.Id || _values[id] == observation.Value || (newAuthoritative && !oldAuthoritative) || (!newAuthoritative && !oldAuthoritative))
        {
            if (observation.AsOf.UtcTicks >= _asOfTicks[id] || (newAuthoritative && !oldAuthoritative))
            {
                Set(id, observation.Value, source.Id, observation.AsOf);
            }

            return;
        }

        if (newAuthoritative && oldAuthoritative)
        {
            _conflicts ??= new FactValue?[_values.Length];
            _conflicts[id] = observation;
        }
    }

    /// <summary>Records a value directly by ids (bulk loaders and generators), replacing any earlier value.</summary>
    public void Set(int factId, RuleValue value, int sourceId, DateTimeOffset asOf)
    {
        _values[factId] = value;
        _sources[factId] = (short)sourceId;
        _asOfTicks[factId] = asOf.UtcTicks;
        if (_conflicts is not null)
        {
            _conflicts[factId] = null;
        }
    }

    /// <summary>The recorded observation of a fact, or null.</summary>
    /// <exception cref="KeyNotFoundException">The fact is not in the dictionary.</exception>
    public FactValue? Get(string fact)
    {
        var id = Dictionary.GetFact(fact).Id;
        return _sources[id] < 0 ? null : ObservationOf(id);
    }

    internal FactValue ObservationOf(int id) =>
        new(Dictionary.Facts[id].Name, _values[id], Dictionary.Sources[_sources[id]].Code, new DateTimeOffset(_asOfTicks[id], TimeSpan.Zero));

    internal FactStatus StatusOf(FactDefinition fact, long staleBeforeTicks)
    {
        var source = _sources[fact.Id];
        if (source < 0)
        {
            return FactStatus.Missing;
        }

        if (_conflicts?[fact.Id] is not null)
        {
            return FactStatus.Conflicting;
        }

        if (!fact.IsAuthoritative(source))
        {
            return FactStatus.NonAuthoritative;
        }

        return _asOfTicks[fact.Id] < staleBeforeTicks ? FactStatus.Stale : FactStatus.Usable;
    }
}
