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
    private Coverage.Absence?[]? _absences;

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

        if (_absences is not null)
        {
            Array.Clear(_absences);
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
            Put(id, observation.Value, source.Id, observation.AsOf, observation.Absence);
            return;
        }

        var newAuthoritative = fact.IsAuthoritative(source.Id);
        var oldAuthoritative = fact.IsAuthoritative(existing);
        if (existing == source.Id || _values[id] == observation.Value || (newAuthoritative && !oldAuthoritative) || (!newAuthoritative && !oldAuthoritative))
        {
            if (observation.AsOf.UtcTicks >= _asOfTicks[id] || (newAuthoritative && !oldAuthoritative))
            {
                Put(id, observation.Value, source.Id, observation.AsOf, observation.Absence);
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
    public void Set(int factId, RuleValue value, int sourceId, DateTimeOffset asOf) => Put(factId, value, sourceId, asOf, null);

    private void Put(int factId, RuleValue value, int sourceId, DateTimeOffset asOf, Coverage.Absence? absence)
    {
        _values[factId] = value;
        _sources[factId] = (short)sourceId;
        _asOfTicks[factId] = asOf.UtcTicks;
        if (_conflicts is not null)
        {
            _conflicts[factId] = null;
        }

        if (absence is not null)
        {
            _absences ??= new Coverage.Absence?[_values.Length];
        }

        if (_absences is not null)
        {
            _absences[factId] = absence;
        }
    }

    /// <summary>The recorded observation of a fact, or null.</summary>
    /// <exception cref="KeyNotFoundException">The fact is not in the dictionary.</exception>
    public FactValue? Get(string fact)
    {
        var id = Dictionary.GetFact(fact).Id;
        return _sources[id] < 0 ? null : ObservationOf(id);
    }

    /// <summary>Whether a source reported the fact (an absence from a complete extract is not a report): what <c>exists(f)</c> asks.</summary>
    internal bool Reported(int id) => _sources[id] >= 0 && (_absences?[id] is null || _conflicts?[id] is not null);

    internal FactValue ObservationOf(int id) =>
        new(Dictionary.Facts[id].Name, _values[id], Dictionary.Sources[_sources[id]].Code, new DateTimeOffset(_asOfTicks[id], TimeSpan.Zero)) { Absence = _absences?[id] };

    /// <summary>
    /// Whether the fact may decide, and if not why. Two authoritative sources that disagree are conflicting while both
    /// are within the freshness window; when only one of them is, it decides (<see cref="Effective"/>) and the stale
    /// one is set aside; when neither is, the fact is stale.
    /// </summary>
    internal FactStatus StatusOf(FactDefinition fact, long staleBeforeTicks)
    {
        var source = _sources[fact.Id];
        if (source < 0)
        {
            return FactStatus.Missing;
        }

        if (_conflicts?[fact.Id] is { } other)
        {
            var fresh = _asOfTicks[fact.Id] >= staleBeforeTicks;
            var otherFresh = other.AsOf.UtcTicks >= staleBeforeTicks;
            return fresh && otherFresh ? FactStatus.Conflicting : fresh || otherFresh ? FactStatus.Usable : FactStatus.Stale;
        }

        if (!fact.IsAuthoritative(source))
        {
            return FactStatus.NonAuthoritative;
        }

        return _asOfTicks[fact.Id] < staleBeforeTicks ? FactStatus.Stale : FactStatus.Usable;
    }

    /// <summary>
    /// The observation that decides a fact, and the one set aside: for a fact two sources disagree on, the one within
    /// the freshness window when only one is; otherwise the recorded value and nothing set aside.
    /// </summary>
    internal FactValue Effective(int id, long staleBeforeTicks, out FactValue? setAside)
    {
        var current = ObservationOf(id);
        setAside = null;
        if (_conflicts?[id] is not { } other)
        {
            return current;
        }

        var fresh = _asOfTicks[id] >= staleBeforeTicks;
        var otherFresh = other.AsOf.UtcTicks >= staleBeforeTicks;
        if (fresh == otherFresh)
        {
            return current;
        }

        setAside = fresh ? other : current;
        return fresh ? current : other;
    }

    /// <summary>The value that decides a usable fact (<see cref="StatusOf"/> said so), without building an observation.</summary>
    internal RuleValue UsableValue(int id, long staleBeforeTicks) =>
        _conflicts?[id] is null ? _values[id] : Effective(id, staleBeforeTicks, out _).Value;

    /// <summary>The compiled path's read of a fact two authoritative sources disagree on: usable only when exactly one is fresh.</summary>
    internal bool TryFreshOfConflict(int id, long staleBeforeTicks, out RuleValue value)
    {
        var other = _conflicts![id]!;
        var fresh = _asOfTicks[id] >= staleBeforeTicks;
        var otherFresh = other.AsOf.UtcTicks >= staleBeforeTicks;
        value = fresh ? _values[id] : other.Value;
        return fresh != otherFresh;
    }
}
