using System.Text.Json.Serialization;

namespace ServerlessGov.Functions.Enterprises.Digests;

/// <summary>The <c>data</c> of a <see cref="EnterpriseEventTypes.WeeklyDigest"/> CloudEvent.</summary>
/// <param name="EnterpriseId">The enterprise's pseudonymous id.</param>
/// <param name="Week">The ISO week (<c>2026-W48</c>).</param>
/// <param name="OpenMatches">The matches it has not acknowledged yet.</param>
public sealed record WeeklyDigestEventData(
    [property: JsonPropertyName("enterpriseId")] string EnterpriseId,
    [property: JsonPropertyName("week")] string Week,
    [property: JsonPropertyName("openMatches")] IReadOnlyList<DigestItem> OpenMatches);
