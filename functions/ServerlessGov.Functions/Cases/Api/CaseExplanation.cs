using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Functions.Enterprises.Profiles;

namespace ServerlessGov.Functions.Cases.Api;

/// <summary>
/// Why a case pays (or waits for a reviewer), in plain language naming each piece of data and its source, with the
/// facts the policy reads as the registry holds them now.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="PolicyId">The policy.</param>
/// <param name="PolicyVersion">The version the case was decided under.</param>
/// <param name="Title">The policy's title.</param>
/// <param name="JudgedOn">The date the facts were judged on (the day the case opened, Asia/Shanghai).</param>
/// <param name="Outcome"><c>satisfied</c>, <c>notSatisfied</c> or <c>unknown</c> on the facts held now.</param>
/// <param name="ExplanationZh">The explanation in Simplified Chinese.</param>
/// <param name="ExplanationEn">The explanation in English.</param>
/// <param name="Facts">Each observation of a fact the policy reads: value, source, as-of and whether it could be used.</param>
public sealed record CaseExplanation(
    string CaseId,
    string PolicyId,
    int PolicyVersion,
    LocalizedText Title,
    string JudgedOn,
    string Outcome,
    string ExplanationZh,
    string ExplanationEn,
    IReadOnlyList<ProfileFact> Facts);
