using Azure.Messaging;

namespace ServerlessGov.Functions.Enterprises.Dispatch;

/// <summary>One event the dispatcher sends to one enterprise: its idempotency key, what it records, and the CloudEvent (built at send time).</summary>
/// <param name="EventId">The CloudEvent id and idempotency key.</param>
/// <param name="EventType">The CloudEvent type.</param>
/// <param name="EnterpriseId">The enterprise it is for.</param>
/// <param name="Category">The opt-out category it belongs to.</param>
/// <param name="Template">The delivery record a first claim starts from (policy, outcome, facts to confirm).</param>
/// <param name="Build">Builds the CloudEvent for a send at the given instant.</param>
public sealed record OutgoingEvent(string EventId, string EventType, string EnterpriseId, string Category, EnterpriseDelivery Template, Func<DateTimeOffset, CloudEvent> Build);
