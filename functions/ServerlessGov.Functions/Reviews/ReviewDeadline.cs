namespace ServerlessGov.Functions.Reviews;

/// <summary>The two promises an item is held to, each with its own escalation ladder.</summary>
public enum ReviewDeadline
{
    /// <summary>Signed and assigned (签收) in time; counts from opening until an assignee signs.</summary>
    Sign,

    /// <summary>Decided and closed in time; counts from opening until the decision.</summary>
    Close,
}
