namespace ServerlessGov.Functions.Reviews;

/// <summary>A supervisor's assignment of an item to a reviewer (staff user id).</summary>
public sealed record AssignRequest(string? Assignee);
