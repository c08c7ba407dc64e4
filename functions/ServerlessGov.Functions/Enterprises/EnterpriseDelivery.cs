namespace ServerlessGov.Functions.Enterprises;

/// <summary>The tracking record of one event to one enterprise, keyed by its CloudEvent id (the idempotency key).</summary>
/// <param name="EventId">The CloudEvent id, derived from (enterprise, policy, version) or (enterprise, ISO week).</param>
/// <param name="EnterpriseId">The enterprise's pseudonymous id.</param>
/// <param name="PolicyId">The matched policy (null for a digest).</param>
/// <param name="PolicyVersion">The matched version (null for a digest).</param>
/// <param name="State">Where it stands.</param>
/// <param name="Attempts">How many publish attempts were made.</param>
/// <param name="ReceivedCount">How many times the app's receiver got the event (more than one means a duplicate reached it).</param>
/// <param name="Reason">Why it failed or was withheld, when it did.</param>
/// <param name="ClaimedBy">While pending: the queue message whose sender holds the claim.</param>
/// <param name="UpdatedAt">When the record last changed.</param>
public sealed record EnterpriseDelivery(
    string EventId,
    string EnterpriseId,
    string? PolicyId,
    int? PolicyVersion,
    DeliveryState State,
    int Attempts,
    int ReceivedCount,
    string? Reason,
    string? ClaimedBy,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The CloudEvent type (<see cref="EnterpriseEventTypes"/>).</summary>
    public string EventType { get; init; } = EnterpriseEventTypes.PolicyMatched;

    /// <summary>Where the last attempt went: <c>topic</c> or <c>webhook</c>.</summary>
    public string? Destination { get; init; }

    /// <summary>For a policy match: eligible or likely eligible (what the digest repeats).</summary>
    public MatchOutcome? Outcome { get; init; }

    /// <summary>For a likely-eligible match: the facts to confirm.</summary>
    public IReadOnlyList<string> FactsToConfirm { get; init; } = [];
}
