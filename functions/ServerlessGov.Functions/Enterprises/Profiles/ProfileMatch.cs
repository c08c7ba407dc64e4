using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Functions.Enterprises.Matching;

namespace ServerlessGov.Functions.Enterprises.Profiles;

/// <summary>One published enterprise policy as it applies to the enterprise today, with its notification if one was made.</summary>
/// <param name="PolicyId">The policy.</param>
/// <param name="PolicyVersion">The version in force.</param>
/// <param name="Title">Its title.</param>
/// <param name="Eligibility"><c>Eligible</c>, <c>LikelyEligible</c> (confirm <see cref="FactsToConfirm"/>) or <c>NotEligible</c>.</param>
/// <param name="AmountYuan">The amount for the period when proved eligible.</param>
/// <param name="Period">The period decided.</param>
/// <param name="FactsToConfirm">For likely eligible: which facts are unknown, why, and from which source.</param>
/// <param name="NotificationId">The notification's CloudEvent id when it was queued or sent.</param>
/// <param name="NotificationState">Where that notification stands.</param>
public sealed record ProfileMatch(
    string PolicyId,
    int PolicyVersion,
    LocalizedText Title,
    EnterpriseEligibility Eligibility,
    decimal? AmountYuan,
    string Period,
    IReadOnlyList<FactToConfirm> FactsToConfirm,
    string? NotificationId,
    DeliveryState? NotificationState);
