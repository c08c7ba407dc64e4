using System.Text.Json.Serialization;

namespace ServerlessGov.Functions.Enterprises.Digests;

/// <summary>One open (sent or delivered, not acknowledged) match repeated in a weekly digest.</summary>
/// <param name="EventId">The match notification's CloudEvent id (what to acknowledge).</param>
/// <param name="PolicyId">The policy.</param>
/// <param name="PolicyVersion">The version matched.</param>
/// <param name="Outcome"><c>eligible</c> or <c>likely-eligible</c>.</param>
/// <param name="FactsToConfirm">For likely eligible: the facts to confirm.</param>
public sealed record DigestItem(
    [property: JsonPropertyName("eventId")] string EventId,
    [property: JsonPropertyName("policyId")] string PolicyId,
    [property: JsonPropertyName("policyVersion")] int PolicyVersion,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("factsToConfirm")] IReadOnlyList<string> FactsToConfirm);
