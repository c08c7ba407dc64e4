namespace ServerlessGov.Functions.Policies.Views;

/// <summary>One line of the policy list: the policy, its newest published version and whether a draft is open.</summary>
/// <param name="PolicyId">The policy.</param>
/// <param name="TitleZh">The title in Chinese, from the newest document (draft or version).</param>
/// <param name="TitleEn">The title in English.</param>
/// <param name="LatestVersion">The newest published version, or null when never published.</param>
/// <param name="LatestStatus"><c>published</c> or <c>retired</c> for the newest version; null when never published.</param>
/// <param name="HasDraft">True when a draft is being edited.</param>
public sealed record PolicySummary(string PolicyId, string? TitleZh, string? TitleEn, int? LatestVersion, string? LatestStatus, bool HasDraft);
