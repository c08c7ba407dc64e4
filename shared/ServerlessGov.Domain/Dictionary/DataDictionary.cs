using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Xml;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Serialization;

namespace ServerlessGov.Domain.Dictionary;

/// <summary>
/// The versioned data dictionary: every fact a rule may use, with its type and provenance requirements.
/// Rules are checked against it and subject facts are arrays indexed by its fact ids.
/// </summary>
public sealed class DataDictionary
{
    private readonly FrozenDictionary<string, FactDefinition> _factsByName;
    private readonly FrozenDictionary<string, SourceDefinition> _sourcesByCode;

    private DataDictionary(int version, IReadOnlyList<SourceDefinition> sources, IReadOnlyList<FactDefinition> facts)
    {
        Version = version;
        Sources = sources;
        Facts = facts;
        _factsByName = facts.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
        _sourcesByCode = sources.ToFrozenDictionary(s => s.Code, StringComparer.Ordinal);
    }

    /// <summary>The dictionary's version; decisions record it.</summary>
    public int Version { get; }

    /// <summary>All sources, indexed by id.</summary>
    public IReadOnlyList<SourceDefinition> Sources { get; }

    /// <summary>All facts, indexed by id.</summary>
    public IReadOnlyList<FactDefinition> Facts { get; }

    /// <summary>The dictionary shipped with ServerlessGov (<c>Resources/dictionary.json</c>).</summary>
    public static DataDictionary Default { get; } = LoadEmbedded();

    /// <summary>Looks a fact up by name.</summary>
    public bool TryGetFact(string name, [NotNullWhen(true)] out FactDefinition? fact) => _factsByName.TryGetValue(name, out fact);

    /// <summary>Looks a source up by code.</summary>
    public bool TryGetSource(string code, [NotNullWhen(true)] out SourceDefinition? source) => _sourcesByCode.TryGetValue(code, out source);

    /// <summary>The fact with this name.</summary>
    /// <exception cref="KeyNotFoundException">No such fact.</exception>
    public FactDefinition GetFact(string name) =>
        TryGetFact(name, out var fact) ? fact : throw new KeyNotFoundException($"The data dictionary has no fact '{name}'.");

    /// <summary>The source with this code.</summary>
    /// <exception cref="KeyNotFoundException">No such source.</exception>
    public SourceDefinition GetSource(string code) =>
        TryGetSource(code, out var source) ? source : throw new KeyNotFoundException($"The data dictionary has no source '{code}'.");

    /// <summary>Parses and validates a dictionary document.</summary>
    /// <exception cref="DictionaryException">The document is malformed; the message names the JSON path.</exception>
    public static DataDictionary Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        DictionaryDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, DomainJsonContext.Default.DictionaryDocument);
        }
        catch (JsonException ex)
        {
            throw new DictionaryException($"The dictionary is not valid JSON at {ex.Path}: {ex.Message}", ex);
        }

        if (document is null || document.Version <= 0)
        {
            throw new DictionaryException("$.version: the dictionary needs a positive version.");
        }

        if (document.Sources.Count > 64)
        {
            throw new DictionaryException("$.sources: at most 64 sources are supported.");
        }

        var sources = new List<SourceDefinition>();
        for (var i = 0; i < document.Sources.Count; i++)
        {
            var s = document.Sources[i];
            if (string.IsNullOrWhiteSpace(s.Code) || sources.Any(x => x.Code == s.Code))
            {
                throw new DictionaryException($"$.sources[{i}].code: missing or duplicate source code.");
            }

            sources.Add(new SourceDefinition(i, s.Code, ToText(s.Name, $"$.sources[{i}].name")));
        }

        var facts = new List<FactDefinition>();
        for (var i = 0; i < document.Facts.Count; i++)
        {
            facts.Add(ToFact(document.Facts[i], i, sources, facts));
        }

        return new DataDictionary(document.Version, sources, facts);
    }

    private static FactDefinition ToFact(FactDocument f, int id, List<SourceDefinition> sources, List<FactDefinition> earlier)
    {
        var path = $"$.facts[{id}]";
        if (string.IsNullOrWhiteSpace(f.Name) || earlier.Any(x => x.Name == f.Name))
        {
            throw new DictionaryException($"{path}.name: missing or duplicate fact name.");
        }

        if (!Enum.TryParse<FactType>(f.Type, ignoreCase: true, out var type))
        {
            throw new DictionaryException($"{path}.type: '{f.Type}' is not one of bool, integer, decimal, date, string, enum, set.");
        }

        if (type == FactType.Enum && (f.Values is null || f.Values.Count == 0))
        {
            throw new DictionaryException($"{path}.values: an enum fact lists its values.");
        }

        if (!Enum.TryParse<SubjectKind>(f.Subject, ignoreCase: true, out var subject))
        {
            throw new DictionaryException($"{path}.subject: '{f.Subject}' is not resident, household or enterprise.");
        }

        if (!Enum.TryParse<PrivacyClass>(f.Privacy, ignoreCase: true, out var privacy))
        {
            throw new DictionaryException($"{path}.privacy: '{f.Privacy}' is not public, personal, sensitive or identifier.");
        }

        TimeSpan freshness;
        try
        {
            freshness = XmlConvert.ToTimeSpan(f.Freshness);
        }
        catch (FormatException ex)
        {
            throw new DictionaryException($"{path}.freshness: '{f.Freshness}' is not an ISO 8601 duration such as P90D.", ex);
        }

        if (f.Sources.Count == 0)
        {
            throw new DictionaryException($"{path}.sources: a fact needs at least one authoritative source.");
        }

        ulong mask = 0;
        for (var s = 0; s < f.Sources.Count; s++)
        {
            var source = sources.FirstOrDefault(x => x.Code == f.Sources[s])
                ?? throw new DictionaryException($"{path}.sources[{s}]: unknown source '{f.Sources[s]}'.");
            mask |= 1UL << source.Id;
        }

        var (completeSources, completeMask, absent) = CompleteExtracts(f, path, type, sources, mask);
        return new FactDefinition
        {
            Id = id,
            Name = f.Name,
            Type = type,
            EnumValues = (f.Values ?? []).ToFrozenSet(StringComparer.Ordinal),
            Unit = string.IsNullOrWhiteSpace(f.Unit) ? null : f.Unit,
            Subject = subject,
            AuthoritativeSources = f.Sources.ToArray(),
            AuthoritativeMask = mask,
            Freshness = freshness,
            Privacy = privacy,
            Label = ToText(f.Label, $"{path}.label"),
            CompleteSources = completeSources,
            CompleteMask = completeMask,
            AbsentValue = absent,
        };
    }

    // A complete extract's absent subjects take the absent value, so only an authoritative source may deliver one, and
    // the value must be of the fact's type.
    private static (IReadOnlyList<string> Sources, ulong Mask, RuleValue? Absent) CompleteExtracts(
        FactDocument f, string path, FactType type, List<SourceDefinition> sources, ulong authoritative)
    {
        if (f.CompleteExtracts is not { } complete)
        {
            return ([], 0, null);
        }

        if (complete.Sources.Count == 0)
        {
            throw new DictionaryException($"{path}.completeExtracts.sources: name at least one source that delivers complete extracts.");
        }

        ulong mask = 0;
        for (var s = 0; s < complete.Sources.Count; s++)
        {
            var source = sources.FirstOrDefault(x => x.Code == complete.Sources[s]);
            if (source is null || (authoritative & (1UL << source.Id)) == 0)
            {
                throw new DictionaryException($"{path}.completeExtracts.sources[{s}]: '{complete.Sources[s]}' is not an authoritative source of the fact.");
            }

            mask |= 1UL << source.Id;
        }

        var absent = complete.Absent;
        RuleValue? value = (type, absent.ValueKind) switch
        {
            (FactType.Bool, JsonValueKind.True or JsonValueKind.False) => RuleValue.Bool(absent.GetBoolean()),
            (FactType.Integer or FactType.Decimal, JsonValueKind.Number) => RuleValue.Number(absent.GetDecimal()),
            (FactType.Enum, JsonValueKind.String) when f.Values!.Contains(absent.GetString()!) => RuleValue.Text(absent.GetString()!),
            (FactType.String, JsonValueKind.String) => RuleValue.Text(absent.GetString()!),
            _ => null,
        };
        return value is null
            ? throw new DictionaryException($"{path}.completeExtracts.absent: what absence means must be a {type.ToString().ToLowerInvariant()} value of the fact (dates and sets cannot be complete).")
            : ([.. complete.Sources], mask, value);
    }

    private static LocalizedText ToText(TextDocument? text, string path)
    {
        if (text is null || string.IsNullOrWhiteSpace(text.Zh) || string.IsNullOrWhiteSpace(text.En))
        {
            throw new DictionaryException($"{path}: both zh and en texts are required.");
        }

        return new LocalizedText(text.Zh, text.En);
    }

    private static DataDictionary LoadEmbedded()
    {
        using var stream = typeof(DataDictionary).Assembly.GetManifestResourceStream("ServerlessGov.Domain.Resources.dictionary.json")
            ?? throw new DictionaryException("The embedded dictionary.json is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
