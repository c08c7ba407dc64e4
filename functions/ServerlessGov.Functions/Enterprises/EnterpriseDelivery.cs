namespace ServerlessGov.Functions.Enterprises;

/// <summary>The tracking record of one notification, keyed by its CloudEvent id (the idempotency key).</summary>
/// <param name="EventId">The CloudEvent id, derived from (enterprise, policy, version).</param>
/// <param name="EnterpriseId">The enterprise's pseudonymous id.</param>
/// <param name="PolicyId">The matched policy.</param>
/// <param name="PolicyVersion">The matched version.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Attempts">How many publish attempts were made.</param>
/// <param name="ReceivedCount">How many times the receiver got the event (more than one means a duplicate reached it).</param>
/// <param name="Reason">Why it failed or was withheld, when it did.</param>
/// <param name="ClaimedBy">While pending: the queue message whose sender holds the claim.</param>
/// <param name="UpdatedAt">When the record last changed.</param>
public sealed record EnterpriseDelivery(
    string EventId,
    string EnterpriseId,
    string PolicyId,
    int PolicyVersion,
    DeliveryState State,
    int Attempts,
    int ReceivedCount,
    string? Reason,
    string? ClaimedBy,
    DateTimeOffset UpdatedAt);
