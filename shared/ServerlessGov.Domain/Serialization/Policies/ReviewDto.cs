namespace ServerlessGov.Domain.Serialization.Policies;

/// <summary>The JSON shape of a policy's review settings: which of its reviews run on the urgent track.</summary>
public sealed class ReviewDto
{
    /// <summary>True: every review of the policy is urgent.</summary>
    public bool Urgent { get; set; }

    /// <summary>Review reasons that are urgent, each optionally only when a condition on the subject's facts holds.</summary>
    public List<UrgentReviewDto> UrgentWhen { get; set; } = [];
}
