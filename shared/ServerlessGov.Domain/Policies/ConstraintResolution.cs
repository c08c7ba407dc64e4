namespace ServerlessGov.Domain.Policies;

/// <summary>The outcome of applying cross-policy constraints: who is paid, who is not and why.</summary>
public sealed record ConstraintResolution(IReadOnlyList<BenefitCandidate> Winners, IReadOnlyList<ExcludedCandidate> Excluded);
