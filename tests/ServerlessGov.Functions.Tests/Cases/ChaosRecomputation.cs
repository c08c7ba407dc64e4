using System.Globalization;
using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Subjects;

namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>
/// What the rules say should happen, computed without the app's code path: the twelve published sample documents,
/// compiled by the domain engine (<see cref="CompiledPolicy"/>) for the run date and each policy's period as
/// docs/CASES.md defines it, evaluated against every subject's registry facts with the registry's complete extracts
/// applied. A proven decision with an amount on an automatic policy is a payment, unless a policy of its exclusion
/// group pays the subject more or another member of its household (or its spouse) comes first
/// (<see cref="BenefitConstraints"/> over every candidate at once); an unknown one, or one whose household or spouse
/// cannot be known, is a review.
/// </summary>
internal static class ChaosRecomputation
{
    public static async Task<ChaosExpectation> ComputeAsync(ISubjectFactsReader registry, BusinessDate runDate)
    {
        var dictionary = DataDictionary.Default;
        var coverage = await registry.GetCoverageAsync();
        var subjects = new Dictionary<SubjectKind, List<(SubjectRecord Record, SubjectFacts Facts)>> { [SubjectKind.Resident] = [], [SubjectKind.Enterprise] = [] };
        foreach (var kind in subjects.Keys)
        {
            for (var shard = 0; shard < registry.ShardCount; shard++)
            {
                await foreach (var subject in registry.ReadShardAsync(kind, shard))
                {
                    var facts = new SubjectFacts(dictionary);
                    coverage.Load(facts, kind, subject.Facts, runDate);
                    subjects[kind].Add((subject, facts));
                }
            }
        }

        var payments = new List<ChaosExpectedPayment>();
        var reviews = new List<(string PolicyId, string SubjectId)>();
        var candidates = new List<(BenefitCandidate Candidate, ChaosExpectedPayment Payment)>();
        foreach (var policy in SamplePolicies.Load(dictionary))
        {
            if (Period(policy, runDate) is not { } period)
            {
                continue;
            }

            var compiled = new CompiledPolicy(policy, dictionary, runDate, period.Start, period.End);
            var byId = subjects[policy.Target == PolicyTarget.Enterprises ? SubjectKind.Enterprise : SubjectKind.Resident].ToDictionary(s => s.Record.Id.Value, s => s.Facts);
            foreach (var (subject, facts) in subjects[policy.Target == PolicyTarget.Enterprises ? SubjectKind.Enterprise : SubjectKind.Resident])
            {
                if (compiled.Evaluate(facts) == Truth.NotSatisfied)
                {
                    continue;
                }

                var decision = compiled.Decide(facts);
                if (decision.Outcome == Truth.Unknown || policy.Track != PolicyTrack.Automatic)
                {
                    reviews.Add((policy.Id, subject.Id.Value));
                }
                else if (decision.Outcome == Truth.Satisfied && decision.Amount is { Fen: > 0 } amount)
                {
                    var limit = Limit(policy.BeneficiaryLimit, subject.Id, facts, byId, compiled.Context);
                    if (limit is null)
                    {
                        reviews.Add((policy.Id, subject.Id.Value));
                        continue;
                    }

                    var payment = new ChaosExpectedPayment(policy.Id, subject.Id.Value, period.Name, amount.Fen, Slots(policy, limit.Value, subject.Id.Value, period.Name));
                    if (policy.ExclusionGroup is null && policy.BeneficiaryLimit == BeneficiaryLimit.None)
                    {
                        payments.Add(payment);
                    }
                    else
                    {
                        candidates.Add((new BenefitCandidate(subject.Id, policy.Id, policy.ExclusionGroup, policy.BeneficiaryLimit, limit.Value.Household, limit.Value.Spouse, amount), payment));
                    }
                }
            }
        }

        var winners = BenefitConstraints.Resolve(candidates.Select(c => c.Candidate)).Winners.ToHashSet();
        payments.AddRange(candidates.Where(c => winners.Contains(c.Candidate)).Select(c => c.Payment));
        return new ChaosExpectation(payments, reviews, subjects.Values.Sum(s => s.Count));
    }

    // The household or spouse a limited policy pays one of, read as the rules read facts; null when it cannot be
    // known (a spouse counts when the marriage registry names each as the other's).
    private static (string? Household, SubjectId? Spouse)? Limit(BeneficiaryLimit limit, SubjectId subject, SubjectFacts facts, Dictionary<string, SubjectFacts> byId, EvaluationContext context)
    {
        switch (limit)
        {
            case BeneficiaryLimit.OnePerHousehold:
                return RuleInterpreter.EvaluateFact("household.id", facts, context).Value is { } household ? (household.AsText, null) : null;
            case BeneficiaryLimit.OnePerCouple:
                if (RuleInterpreter.EvaluateFact("marriage.married", facts, context).Value is not { } married)
                {
                    return null;
                }

                if (!married.AsBool)
                {
                    return (null, null);
                }

                return RuleInterpreter.EvaluateFact("marriage.spouse", facts, context).Value is { } spouse
                    && byId.TryGetValue(spouse.AsText, out var spouseFacts)
                    && RuleInterpreter.EvaluateFact("marriage.spouse", spouseFacts, context).Value is { } back && back.AsText == subject.Value
                    ? (null, new SubjectId(spouse.AsText))
                    : null;
            default:
                return (null, null);
        }
    }

    // The period a decision pays (docs/CASES.md): the month for monthly policies, the calendar year for per-event
    // ones, "once" (over the calendar year) for one-off ones; clipped to the policy's effective window.
    private static (string Name, BusinessDate Start, BusinessDate End)? Period(PolicyDocument policy, BusinessDate date)
    {
        if (!policy.IsEffectiveOn(date))
        {
            return null;
        }

        var (name, start, end) = policy.Schedule.Kind switch
        {
            ScheduleKind.Monthly => (date.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture), new BusinessDate(date.Year, date.Month, 1),
                new BusinessDate(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month))),
            ScheduleKind.PerEvent => (date.Year.ToString(CultureInfo.InvariantCulture), new BusinessDate(date.Year, 1, 1), new BusinessDate(date.Year, 12, 31)),
            _ => ("once", new BusinessDate(date.Year, 1, 1), new BusinessDate(date.Year, 12, 31)),
        };
        if (start < policy.EffectiveFrom)
        {
            start = policy.EffectiveFrom;
        }

        if (policy.EffectiveUntil is { } until && until < end)
        {
            end = until;
        }

        return end < start ? null : (name, start, end);
    }

    // What a payment may not share with another: one per household (or couple) per policy and period, and one
    // policy of an exclusion group per subject and period.
    private static List<string> Slots(PolicyDocument policy, (string? Household, SubjectId? Spouse) limit, string subjectId, string period)
    {
        var slots = new List<string>();
        if (policy.BeneficiaryLimit != BeneficiaryLimit.None)
        {
            var holder = limit switch
            {
                { Household: { } household } => "household/" + household,
                { Spouse: { } spouse } => "couple/" + string.Join('|', new[] { subjectId, spouse.Value }.Order(StringComparer.Ordinal)),
                _ => "subject/" + subjectId,
            };
            slots.Add($"{policy.Id}/{period}/{holder}");
        }

        if (policy.ExclusionGroup is { } group)
        {
            slots.Add($"{group}/{period}/subject/{subjectId}");
        }

        return slots;
    }
}
