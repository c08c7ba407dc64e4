namespace ServerlessGov.Functions.Policies.Views;

/// <summary>A policy's audit trail, oldest first, and whether its hash chain is intact.</summary>
/// <param name="PolicyId">The policy.</param>
/// <param name="Intact">True when every entry still matches its hash and links to the one before.</param>
/// <param name="Entries">Every change, oldest first.</param>
public sealed record PolicyHistory(string PolicyId, bool Intact, IReadOnlyList<PolicyHistoryEntry> Entries);
