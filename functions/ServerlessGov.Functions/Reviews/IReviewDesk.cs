namespace ServerlessGov.Functions.Reviews;

/// <summary>How case orchestrations hand a decision to a person. Implemented by the review worklist.</summary>
public interface IReviewDesk
{
    /// <summary>
    /// Opens a review item for the request and returns its id. Idempotent: the same review key returns the
    /// existing item, so an activity that runs twice never opens two.
    /// </summary>
    Task<string> OpenAsync(ReviewRequest request, CancellationToken cancellationToken = default);
}
