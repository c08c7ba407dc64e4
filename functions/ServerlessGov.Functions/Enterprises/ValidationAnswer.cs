using System.Text.Json.Serialization;

namespace ServerlessGov.Functions.Enterprises;

/// <summary>The receiver's answer to Event Grid's subscription validation event.</summary>
/// <param name="ValidationResponse">The validation code Event Grid sent.</param>
public sealed record ValidationAnswer([property: JsonPropertyName("validationResponse")] string ValidationResponse);
