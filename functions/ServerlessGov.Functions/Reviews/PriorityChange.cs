namespace ServerlessGov.Functions.Reviews;

/// <summary>A supervisor's change of an item's priority, kept on the item (and in its audit trail) with the reason given.</summary>
/// <param name="From">The priority before.</param>
/// <param name="To">The priority after.</param>
/// <param name="Reason">Why, masked like every free text.</param>
/// <param name="By">The supervisor.</param>
/// <param name="At">When.</param>
public sealed record PriorityChange(ReviewPriority From, ReviewPriority To, string Reason, string By, DateTimeOffset At);
