namespace ServerlessGov.Domain.Policies;

/// <summary>A candidate that lost under a constraint, with the candidate that won and why.</summary>
public sealed record ExcludedCandidate(BenefitCandidate Candidate, BenefitCandidate Winner, string Reason);
