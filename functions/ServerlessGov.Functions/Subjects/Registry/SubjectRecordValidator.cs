using System.Globalization;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Subjects.Registry;

/// <summary>
/// Turns an input record (import line or queue message) into a <see cref="SubjectUpdate"/>: the identity number is
/// validated and replaced by its pseudonym, each fact checked against the data dictionary (name, subject kind,
/// source, type, as-of not in the future), and a resident's <c>household.id</c> pseudonymised like a household's id.
/// </summary>
public sealed class SubjectRecordValidator
{
    /// <summary>How far in the future an as-of may be (clock skew between source systems).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromDays(1);

    private static readonly TimeSpan ShanghaiOffset = TimeSpan.FromHours(8);
    private readonly SubjectPseudonyms _pseudonyms;
    private readonly DataDictionary _dictionary;
    private readonly TimeProvider _time;

    /// <summary>Creates the validator.</summary>
    public SubjectRecordValidator(SubjectPseudonyms pseudonyms, TimeProvider time, DataDictionary? dictionary = null)
    {
        ArgumentNullException.ThrowIfNull(pseudonyms);
        ArgumentNullException.ThrowIfNull(time);
        _pseudonyms = pseudonyms;
        _time = time;
        _dictionary = dictionary ?? DataDictionary.Default;
    }

    /// <summary>The pseudonymiser, for callers that name subjects by identity number.</summary>
    public SubjectPseudonyms Pseudonyms => _pseudonyms;

    /// <summary>
    /// Validates a record naming its subject by kind and identity number. <paramref name="factField"/> names a fact's
    /// field for errors (e.g. <c>(i, f) =&gt; $"facts[{i}].{f}"</c>). Stops at the first broken rule.
    /// </summary>
    public bool TryValidate(
        string? kind, string? identifier, IReadOnlyList<RawObservation> facts, Func<int, string, string> factField,
        string batchId, DateTimeOffset importedAt, out SubjectUpdate update, out RecordError error)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(factField);
        update = null!;
        if (kind is null || !SubjectIdentifiers.TryParseKind(kind, out var subjectKind))
        {
            error = new RecordError("kind", "must be resident, household or enterprise");
            return false;
        }

        if (!SubjectIdentifiers.TryNormalize(subjectKind, identifier, out var normalized, out var rule))
        {
            error = new RecordError("id", rule);
            return false;
        }

        var id = _pseudonyms.IdOf(subjectKind, normalized);
        return TryValidateFacts(id, subjectKind, normalized, facts, factField, batchId, importedAt, out update, out error);
    }

    /// <summary>Validates observations for a subject already named by its pseudonymous id.</summary>
    public bool TryValidateFacts(
        SubjectId id, SubjectKind kind, string? normalizedIdentifier, IReadOnlyList<RawObservation> facts, Func<int, string, string> factField,
        string batchId, DateTimeOffset importedAt, out SubjectUpdate update, out RecordError error)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(factField);
        update = null!;
        if (facts.Count == 0)
        {
            error = new RecordError("facts", "must list at least one fact");
            return false;
        }

        var latest = _time.GetUtcNow() + FutureTolerance;
        var observations = new StoredObservation[facts.Count];
        for (var i = 0; i < facts.Count; i++)
        {
            var raw = facts[i];
            if (raw.Fact is null || !_dictionary.TryGetFact(raw.Fact, out var fact))
            {
                error = new RecordError(factField(i, "fact"), "must name a fact of the data dictionary");
                return false;
            }

            if (fact.Privacy == PrivacyClass.Identifier)
            {
                error = new RecordError(factField(i, "fact"), "identity numbers are carried by the record's id, never as a fact");
                return false;
            }

            if (fact.Subject != kind && !(kind == SubjectKind.Resident && fact.Subject == SubjectKind.Household))
            {
                error = new RecordError(factField(i, "fact"), $"describes a {SubjectIdentifiers.Name(fact.Subject)}, not a {SubjectIdentifiers.Name(kind)}");
                return false;
            }

            if (raw.Source is null || !_dictionary.TryGetSource(raw.Source, out _))
            {
                error = new RecordError(factField(i, "source"), "must name a source of the data dictionary");
                return false;
            }

            if (!TryParseAsOf(raw.AsOf, out var asOf))
            {
                error = new RecordError(factField(i, "asOf"), "must be an ISO 8601 instant with an offset (or a date, read in Asia/Shanghai)");
                return false;
            }

            if (asOf > latest)
            {
                error = new RecordError(factField(i, "asOf"), "must not be in the future");
                return false;
            }

            if (!TryValue(fact, raw, out var value, out var rule))
            {
                error = new RecordError(factField(i, "value"), rule);
                return false;
            }

            observations[i] = new StoredObservation(fact.Name, raw.Source, value, asOf, importedAt, batchId);
        }

        update = new SubjectUpdate(id, kind, normalizedIdentifier, observations);
        error = null!;
        return true;
    }

    /// <summary>
    /// Validates a declaration that a source's extract is complete (an import's <c>coverage</c> line, a data push):
    /// the source, the facts (each one the dictionary lists the source as delivering complete extracts of), the scope
    /// and the as-of (not in the future). <paramref name="field"/> names a field for errors.
    /// </summary>
    public bool TryValidateCoverage(
        string? source, IReadOnlyList<string?>? facts, string? scopeFact, IReadOnlyList<string?>? scopeValues, string? asOfText,
        Func<string, string> field, out CoverageDeclaration declaration, out RecordError error)
    {
        ArgumentNullException.ThrowIfNull(field);
        declaration = null!;
        if (CoverageDeclaration.Check(_dictionary, source, facts, scopeFact, scopeValues) is { } broken)
        {
            error = new RecordError(field(broken.Field), broken.Rule);
            return false;
        }

        if (!TryParseAsOf(asOfText, out var asOf))
        {
            error = new RecordError(field("asOf"), "must be an ISO 8601 instant with an offset (or a date, read in Asia/Shanghai)");
            return false;
        }

        if (asOf > _time.GetUtcNow() + FutureTolerance)
        {
            error = new RecordError(field("asOf"), "must not be in the future");
            return false;
        }

        var scope = scopeFact is null ? CoverageScope.Everyone : new CoverageScope(scopeFact, scopeValues!.Select(v => v!).Distinct(StringComparer.Ordinal).ToList());
        declaration = new CoverageDeclaration(source!, facts!.Select(f => f!).Distinct(StringComparer.Ordinal).ToList(), scope, asOf);
        error = null!;
        return true;
    }

    private bool TryValue(FactDefinition fact, RawObservation raw, out RuleValue value, out string rule)
    {
        var ok = raw.Json is { } json ? FactValues.TryRead(fact, json, out value, out rule)
            : raw.Text is { } text ? FactValues.TryParse(fact, text, out value, out rule)
            : Missing(out value, out rule);
        var kind = fact.Name switch { HouseholdIdFact => SubjectKind.Household, SpouseFact => SubjectKind.Resident, _ => (SubjectKind?)null };
        if (!ok || kind is not { } named)
        {
            return ok;
        }

        // The household number and the spouse's resident ID are identifiers too: a resident's record keeps only their
        // pseudonyms, so "one per household" and "one per couple" still group members without the numbers being
        // stored a second time.
        if (!SubjectIdentifiers.TryNormalize(named, value.AsText, out var number, out rule))
        {
            return false;
        }

        value = RuleValue.Text(_pseudonyms.IdOf(named, number).Value);
        return true;
    }

    private const string HouseholdIdFact = "household.id";
    private const string SpouseFact = "marriage.spouse";

    private static bool Missing(out RuleValue value, out string rule)
    {
        value = default;
        rule = "is required";
        return false;
    }

    private static bool TryParseAsOf(string? text, out DateTimeOffset asOf)
    {
        asOf = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Length == 10)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return false;
            }

            asOf = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), ShanghaiOffset).ToUniversalTime();
            return true;
        }

        var hasOffset = text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10;
        if (!hasOffset || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        // Stored to the millisecond, so compare at the same precision.
        asOf = DateTimeOffset.FromUnixTimeMilliseconds(parsed.ToUnixTimeMilliseconds());
        return true;
    }
}
