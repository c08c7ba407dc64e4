namespace ServerlessGov.Functions.Reviews;

/// <summary>A reviewer's decision, raised to the case orchestration as the <see cref="ReviewEvents.Decided"/> event.</summary>
public sealed record ReviewDecision(string ReviewItemId, bool Approved, string Reason, string DecidedBy, DateTimeOffset DecidedAt);
