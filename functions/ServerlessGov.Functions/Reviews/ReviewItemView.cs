namespace ServerlessGov.Functions.Reviews;

/// <summary>An item as the worklist shows it: the item (identifiers already masked), its version for <c>If-Match</c>, and its deadlines now.</summary>
/// <param name="Item">The item.</param>
/// <param name="Version">The ETag to send back with a decision.</param>
/// <param name="SignDueAt">When the signing deadline falls (null once signed, or while paused).</param>
/// <param name="CloseDueAt">When the closing deadline falls (null once decided, or while paused).</param>
public sealed record ReviewItemView(ReviewItem Item, string Version, DateTimeOffset? SignDueAt, DateTimeOffset? CloseDueAt);
