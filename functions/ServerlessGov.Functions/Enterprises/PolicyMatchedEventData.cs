using System.Text.Json.Serialization;

namespace ServerlessGov.Functions.Enterprises;

/// <summary>The <c>data</c> of a <see cref="EnterpriseEventTypes.PolicyMatched"/> CloudEvent: what an enterprise learns.</summary>
/// <param name="EnterpriseId">The enterprise's pseudonymous id (the event's subject too).</param>
/// <param name="PolicyId">The matched policy.</param>
/// <param name="PolicyVersion">The matched version.</param>
/// <param name="Category">The opt-out category.</param>
/// <param name="Outcome"><c>eligible</c> or <c>likely-eligible</c>.</param>
/// <param name="FactsToConfirm">Facts to confirm when likely eligible; empty otherwise.</param>
public sealed record PolicyMatchedEventData(
    [property: JsonPropertyName("enterpriseId")] string EnterpriseId,
    [property: JsonPropertyName("policyId")] string PolicyId,
    [property: JsonPropertyName("policyVersion")] int PolicyVersion,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("factsToConfirm")] IReadOnlyList<string> FactsToConfirm);
