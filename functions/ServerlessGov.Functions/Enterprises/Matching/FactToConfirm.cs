using ServerlessGov.Domain.Dictionary;

namespace ServerlessGov.Functions.Enterprises.Matching;

/// <summary>A fact the data could not settle for a likely-eligible match: what it is, why it is unknown, and who is authoritative for it.</summary>
/// <param name="Fact">The dictionary name (e.g. <c>enterprise.insured_months</c>), or a parameter name.</param>
/// <param name="Label">The name the enterprise reads.</param>
/// <param name="Reason"><c>missing</c>, <c>stale</c>, <c>conflicting</c>, <c>nonAuthoritative</c>, <c>missingParameter</c> or <c>undefined</c>.</param>
/// <param name="Source">The source of the value that could not be used (null when missing).</param>
/// <param name="AsOf">When that source said it.</param>
/// <param name="AuthoritativeSources">The sources that could settle it (from the data dictionary).</param>
public sealed record FactToConfirm(string Fact, LocalizedText? Label, string Reason, string? Source, DateTimeOffset? AsOf, IReadOnlyList<string> AuthoritativeSources);
