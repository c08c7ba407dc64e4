namespace ServerlessGov.Functions.Reviews;

/// <summary>An item as the worklist shows it: the item (identifiers already masked), its version for <c>If-Match</c>, and its deadlines now.</summary>
/// <param name="Item">The item.</param>
/// <param name="Version">The ETag to send back with a decision.</param>
/// <param name="SignDueAt">When the signing deadline falls (null once signed, or while paused).</param>
/// <param name="CloseDueAt">When the closing deadline falls (null once decided, or while paused).</param>
/// <param name="SignClock">How much of the signing target is used now, while it runs.</param>
/// <param name="CloseClock">How much of the closing target is used now, while it runs.</param>
public sealed record ReviewItemView(ReviewItem Item, string Version, DateTimeOffset? SignDueAt, DateTimeOffset? CloseDueAt, SlaClockView? SignClock = null, SlaClockView? CloseClock = null);

/// <summary>
/// A running deadline's clock as a reviewer reads it: the share of its target used (counted on its own clock, working
/// time on the working-day calendar where the target says so, pauses left out) and the rung of the ladder reached.
/// </summary>
/// <param name="Used">0 at opening, 1 at the deadline, above 1 past it.</param>
/// <param name="Level"><c>None</c>, <c>Reminder</c> (50 %), <c>Warning</c> (75 %) or <c>Breach</c> (the deadline).</param>
public sealed record SlaClockView(double Used, string Level);
