namespace ServerlessGov.Functions.Reviews;

/// <summary>The SLA track a review item runs on.</summary>
public enum ReviewPriority
{
    /// <summary>Signed and assigned within 24 hours, closed within 7 days.</summary>
    Normal,

    /// <summary>Signed and assigned within 5 minutes, closed within 24 hours.</summary>
    Urgent,
}
