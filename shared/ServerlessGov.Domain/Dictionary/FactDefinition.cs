using System.Collections.Frozen;

namespace ServerlessGov.Domain.Dictionary;

/// <summary>One fact of the data dictionary: its type, unit, subject, authoritative sources, freshness and privacy.</summary>
public sealed record FactDefinition
{
    /// <summary>The fact's index in the dictionary; subject facts are arrays indexed by it.</summary>
    public required int Id { get; init; }

    /// <summary>The dotted name rules use, e.g. <c>household.district</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The declared type.</summary>
    public required FactType Type { get; init; }

    /// <summary>The allowed values of an enum (empty otherwise).</summary>
    public required FrozenSet<string> EnumValues { get; init; }

    /// <summary>The unit of a number (e.g. <c>yuan/year</c>), or null.</summary>
    public string? Unit { get; init; }

    /// <summary>What the fact describes.</summary>
    public required SubjectKind Subject { get; init; }

    /// <summary>Codes of the sources whose values are authoritative for this fact.</summary>
    public required IReadOnlyList<string> AuthoritativeSources { get; init; }

    /// <summary>Bit i is set when source id i is authoritative.</summary>
    public required ulong AuthoritativeMask { get; init; }

    /// <summary>How old a value may be at the evaluation date before it is stale.</summary>
    public required TimeSpan Freshness { get; init; }

    /// <summary>How sensitive the fact is.</summary>
    public required PrivacyClass Privacy { get; init; }

    /// <summary>The label shown in explanations.</summary>
    public required LocalizedText Label { get; init; }

    /// <summary>
    /// Codes of the authoritative sources that deliver complete extracts of the fact for a scope: a subject in the scope
    /// of a declared extract who is absent from it has <see cref="AbsentValue"/> (see <see cref="Coverage.RegistryCoverage"/>).
    /// </summary>
    public IReadOnlyList<string> CompleteSources { get; init; } = [];

    /// <summary>Bit i is set when source id i delivers complete extracts of the fact.</summary>
    public ulong CompleteMask { get; init; }

    /// <summary>What absence from a complete extract means (<c>false</c> for a roll or register, <c>none</c> for a pension roll); null when no source delivers one.</summary>
    public Rules.RuleValue? AbsentValue { get; init; }

    /// <summary>Whether the source with this id delivers complete extracts of the fact.</summary>
    public bool IsComplete(int sourceId) => sourceId is >= 0 and < 64 && (CompleteMask & (1UL << sourceId)) != 0;

    /// <summary>Whether the source with this id is authoritative for the fact.</summary>
    public bool IsAuthoritative(int sourceId) => sourceId is >= 0 and < 64 && (AuthoritativeMask & (1UL << sourceId)) != 0;
}
