using ServerlessGov.Domain.Dictionary;

namespace ServerlessGov.Functions.Enterprises.Profiles;

/// <summary>One observation in an enterprise's profile, with its provenance and whether eligibility may use it today.</summary>
/// <param name="Fact">The dictionary name (e.g. <c>enterprise.district</c>).</param>
/// <param name="Label">The name the enterprise reads.</param>
/// <param name="Value">The value as text (sets as <c>[a, b]</c>).</param>
/// <param name="Source">The source code (e.g. <c>samr</c>, <c>tax</c>, <c>hrss</c>).</param>
/// <param name="SourceName">The source's name (市场监管 / market regulation …).</param>
/// <param name="AsOf">When the source said it.</param>
/// <param name="Status"><c>usable</c>, <c>stale</c> (older than the fact's freshness window), <c>nonAuthoritative</c> or <c>conflicting</c> (another authoritative source says otherwise).</param>
public sealed record ProfileFact(string Fact, LocalizedText Label, string Value, string Source, LocalizedText? SourceName, DateTimeOffset AsOf, string Status);
