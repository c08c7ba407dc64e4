namespace ServerlessGov.Functions.Reviews;

/// <summary>
/// What the opening activity hands the review loop: the item's id and its ladder steps as they stand, so the first
/// durable timer is armed without another round trip.
/// </summary>
public sealed record ReviewOpened(string ItemId, IReadOnlyList<EscalationStep> Steps);
