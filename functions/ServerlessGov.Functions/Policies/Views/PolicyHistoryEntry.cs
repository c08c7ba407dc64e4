using System.Text.Json;

namespace ServerlessGov.Functions.Policies.Views;

/// <summary>One audited change to a policy: who, when, what, and the state before and after.</summary>
/// <param name="Sequence">1, 2, 3, … within the policy's trail.</param>
/// <param name="At">When it was recorded (UTC).</param>
/// <param name="Actor">Who made the change.</param>
/// <param name="Role">The role it was made in.</param>
/// <param name="Action">What happened (<c>policy.draft.created</c>, <c>policy.draft.updated</c>, <c>policy.draft.discarded</c>, <c>policy.published</c>, <c>policy.retired</c>).</param>
/// <param name="Target">What it happened to (<c>policy/old-age-allowance</c> or <c>policy/old-age-allowance/v2</c>).</param>
/// <param name="Before">The state before; null when it did not exist.</param>
/// <param name="After">The state after; null when it was removed.</param>
/// <param name="Hash">The entry's chain hash.</param>
public sealed record PolicyHistoryEntry(long Sequence, DateTimeOffset At, string Actor, string Role, string Action, string Target, JsonElement? Before, JsonElement? After, string Hash);
