namespace ServerlessGov.Functions.Reviews;

/// <summary>A supervisor's change of an item's priority (<c>Urgent</c> or <c>Normal</c>) with the reason, which is audited.</summary>
public sealed record PriorityRequest(string? Priority, string? Reason);
