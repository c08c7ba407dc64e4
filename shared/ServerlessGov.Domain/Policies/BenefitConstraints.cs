namespace ServerlessGov.Domain.Policies;

/// <summary>
/// Applies cross-policy constraints deterministically, whatever order candidates arrive in:
/// 1. within an exclusion group a subject keeps the candidate with the highest amount (ties: smallest policy id, ordinal);
/// 2. under one-per-household (or one-per-couple) a policy pays the member with the highest amount
///    (ties: smallest subject id, ordinal), the couple being the unordered pair of subject and spouse;
/// 3. a candidate that lost step 2 is withdrawn and both steps run again, so a subject whose best benefit goes to
///    another member of the household keeps its next best (an orphan whose household's 低保 top-up is paid to a parent
///    still receives the orphans' allowance).
/// Only satisfied decisions are candidates; unknown ones go to review and never displace a winner here.
/// </summary>
public static class BenefitConstraints
{
    /// <summary>Chooses the winners.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="candidates"/> is null.</exception>
    public static ConstraintResolution Resolve(IEnumerable<BenefitCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var open = candidates.ToList();
        var withdrawn = new List<ExcludedCandidate>();
        while (true)
        {
            var (winners, excluded, limitLosers) = Round(open);
            if (limitLosers.Count == 0)
            {
                return new ConstraintResolution(
                    winners.OrderBy(c => c.Subject).ThenBy(c => c.PolicyId, StringComparer.Ordinal).ToList(),
                    excluded.Concat(withdrawn).OrderBy(e => e.Candidate.Subject).ThenBy(e => e.Candidate.PolicyId, StringComparer.Ordinal).ToList());
            }

            withdrawn.AddRange(limitLosers);
            open.RemoveAll(c => limitLosers.Any(l => ReferenceEquals(l.Candidate, c)));
        }
    }

    /// <summary>The key under which a candidate's beneficiary limit is held: the policy and its household or couple; null when unlimited.</summary>
    public static string? LimitKey(BenefitCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        switch (candidate.Limit)
        {
            case BeneficiaryLimit.OnePerHousehold when candidate.HouseholdId is not null:
                return $"{candidate.PolicyId}|household|{candidate.HouseholdId}";
            case BeneficiaryLimit.OnePerCouple when candidate.Spouse is { } spouse:
                var (first, second) = candidate.Subject < spouse ? (candidate.Subject, spouse) : (spouse, candidate.Subject);
                return $"{candidate.PolicyId}|couple|{first}|{second}";
            default:
                return null;
        }
    }

    private static (List<BenefitCandidate> Winners, List<ExcludedCandidate> Excluded, List<ExcludedCandidate> LimitLosers) Round(List<BenefitCandidate> candidates)
    {
        var excluded = new List<ExcludedCandidate>();
        var remaining = new List<BenefitCandidate>();
        foreach (var group in candidates.GroupBy(c => c.ExclusionGroup is null ? null : $"{c.Subject}|{c.ExclusionGroup}", StringComparer.Ordinal))
        {
            if (group.Key is null)
            {
                remaining.AddRange(group);
                continue;
            }

            var ordered = group.OrderByDescending(c => c.Amount).ThenBy(c => c.PolicyId, StringComparer.Ordinal).ToList();
            remaining.Add(ordered[0]);
            excluded.AddRange(ordered.Skip(1).Select(c => new ExcludedCandidate(c, ordered[0], $"mutually exclusive group '{c.ExclusionGroup}'")));
        }

        var winners = new List<BenefitCandidate>();
        var limitLosers = new List<ExcludedCandidate>();
        foreach (var group in remaining.GroupBy(LimitKey, StringComparer.Ordinal))
        {
            if (group.Key is null)
            {
                winners.AddRange(group);
                continue;
            }

            var ordered = group.OrderByDescending(c => c.Amount).ThenBy(c => c.Subject).ToList();
            winners.Add(ordered[0]);
            var reason = ordered[0].Limit == BeneficiaryLimit.OnePerHousehold ? "one beneficiary per household" : "one beneficiary per couple";
            limitLosers.AddRange(ordered.Skip(1).Select(c => new ExcludedCandidate(c, ordered[0], reason)));
        }

        return (winners, excluded, limitLosers);
    }
}
