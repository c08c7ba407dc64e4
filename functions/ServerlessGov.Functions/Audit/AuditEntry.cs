namespace ServerlessGov.Functions.Audit;

/// <summary>
/// One audited change: who did what to which thing, when, and the thing before and after (as JSON with personal
/// identifiers already masked). Entries are append-only and chained by hash.
/// </summary>
/// <param name="Actor">The pseudonymous id of the person or system that acted.</param>
/// <param name="Role">The role the actor acted in (policy-author, reviewer, system, …).</param>
/// <param name="Action">What happened, as a dotted verb (<c>policy.draft.updated</c>).</param>
/// <param name="Target">What it happened to (<c>policy/old-age-allowance</c>).</param>
/// <param name="Before">The target's state before, as JSON; null when it did not exist.</param>
/// <param name="After">The target's state after, as JSON; null when it was removed.</param>
public sealed record AuditEntry(string Actor, string Role, string Action, string Target, string? Before = null, string? After = null);
