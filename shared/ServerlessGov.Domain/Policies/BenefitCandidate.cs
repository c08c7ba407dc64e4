using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Policies;

/// <summary>A satisfied decision competing under cross-policy constraints (exclusion groups, one per household or couple).</summary>
public sealed record BenefitCandidate(
    SubjectId Subject,
    string PolicyId,
    string? ExclusionGroup,
    BeneficiaryLimit Limit,
    string? HouseholdId,
    SubjectId? Spouse,
    Money Amount);
