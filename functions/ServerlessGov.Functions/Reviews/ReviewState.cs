namespace ServerlessGov.Functions.Reviews;

/// <summary>Where a review item is in its life: new → signed and assigned → in progress → decided, with a detour while waiting for evidence.</summary>
public enum ReviewState
{
    /// <summary>Opened, nobody has signed for it yet (the signing deadline runs).</summary>
    New,

    /// <summary>Signed for and assigned to a reviewer.</summary>
    Assigned,

    /// <summary>The assignee is working on it.</summary>
    InProgress,

    /// <summary>Waiting for the resident's evidence; the SLA clocks are paused.</summary>
    WaitingForEvidence,

    /// <summary>Approved or rejected, with a reason. Final.</summary>
    Decided,
}
