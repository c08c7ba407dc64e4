namespace ServerlessGov.Functions.Reviews;

/// <summary>A reviewer's decision on an item; the version read goes in the <c>If-Match</c> header.</summary>
public sealed record DecisionRequest(bool? Approved, string? Reason);
