using ServerlessGov.Domain.Dictionary;

namespace ServerlessGov.Functions.Enterprises.Matching;

/// <summary>One enterprise against one published policy version: the outcome, the amount when proved, the facts to confirm when unknown.</summary>
/// <param name="EnterpriseId">The enterprise's pseudonymous id.</param>
/// <param name="PolicyId">The policy.</param>
/// <param name="PolicyVersion">The published version decided with.</param>
/// <param name="Title">The policy's title.</param>
/// <param name="Category">The opt-out category its notification belongs to.</param>
/// <param name="Eligibility">Eligible, likely eligible or not eligible.</param>
/// <param name="AmountYuan">The amount for the period when the data proves it (yuan, exact); null otherwise.</param>
/// <param name="Period">The period decided (e.g. <c>once</c>, <c>2026</c>, <c>2026-11</c>).</param>
/// <param name="FactsToConfirm">For a likely-eligible match: the unknown facts with source and reason; empty otherwise.</param>
public sealed record EnterprisePolicyMatch(
    string EnterpriseId,
    string PolicyId,
    int PolicyVersion,
    LocalizedText Title,
    string Category,
    EnterpriseEligibility Eligibility,
    decimal? AmountYuan,
    string Period,
    IReadOnlyList<FactToConfirm> FactsToConfirm);
