using System.Xml;
using Microsoft.AspNetCore.Http.HttpResults;
using ServerlessGov.Domain.Dictionary;

namespace ServerlessGov.Functions.Policies.Api;

/// <summary>The data dictionary over HTTP, so a rule editor can suggest facts with their types, units, sources and labels.</summary>
public static class DictionaryApi
{
    /// <summary>GET dictionary: every fact, sorted by name (identifier facts included: a rule may not read them, and the editor says so).</summary>
    public static Ok<IReadOnlyList<DictionaryFactView>> Get() =>
        TypedResults.Ok<IReadOnlyList<DictionaryFactView>>(DataDictionary.Default.Facts
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new DictionaryFactView(f.Name, f.Type.ToString(), f.Unit, f.Subject.ToString(), f.AuthoritativeSources,
                XmlConvert.ToString(f.Freshness), f.Label, f.Privacy.ToString(), f.EnumValues.Order(StringComparer.Ordinal).ToList()))
            .ToList());
}

/// <summary>One fact of the data dictionary.</summary>
/// <param name="Name">The dotted name a rule uses (<c>household.district</c>).</param>
/// <param name="Type"><c>Bool</c>, <c>Integer</c>, <c>Decimal</c>, <c>Date</c>, <c>String</c>, <c>Enum</c> or <c>Set</c>.</param>
/// <param name="Unit">For numbers, the unit (<c>yuan/month</c> …).</param>
/// <param name="Subject">What it describes: Resident, Household or Enterprise.</param>
/// <param name="Sources">The authoritative sources.</param>
/// <param name="Freshness">How old a value may be (ISO 8601 duration).</param>
/// <param name="Label">The name residents read, in Chinese and English.</param>
/// <param name="Privacy">Public, Personal, Sensitive or Identifier.</param>
/// <param name="Values">For an enum, its values.</param>
public sealed record DictionaryFactView(string Name, string Type, string? Unit, string Subject, IReadOnlyList<string> Sources, string Freshness, LocalizedText Label, string Privacy, IReadOnlyList<string> Values);
