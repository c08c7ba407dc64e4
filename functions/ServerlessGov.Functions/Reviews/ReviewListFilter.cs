namespace ServerlessGov.Functions.Reviews;

/// <summary>Which items a worklist shows; every criterion is optional.</summary>
/// <param name="Group">Only this reviewer group.</param>
/// <param name="Assignee">Only items held by this reviewer.</param>
/// <param name="State">Only items in this state (default: every state but decided).</param>
/// <param name="DueBefore">Only items whose closing deadline falls before this instant.</param>
/// <param name="Overdue">Only items that missed a deadline (true) or that have not (false).</param>
public sealed record ReviewListFilter(string? Group = null, string? Assignee = null, ReviewState? State = null, DateTimeOffset? DueBefore = null, bool? Overdue = null);
