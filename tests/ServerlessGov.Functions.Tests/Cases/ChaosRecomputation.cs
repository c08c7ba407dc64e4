using System.Globalization;
using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Subjects;

namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>
/// What the rules say should happen, computed without the app's code path: the twelve published sample documents,
/// compiled by the domain engine (<see cref="CompiledPolicy"/>) for the run date and each policy's period as
/// docs/CASES.md defines it, evaluated against every subject's registry facts. A proven decision with an amount on
/// an automatic policy is a payment; an unknown one is a review.
/// </summary>
internal static class ChaosRecomputation
{
    public static async Task<ChaosExpectation> ComputeAsync(ISubjectFactsReader registry, BusinessDate runDate)
    {
        var dictionary = DataDictionary.Default;
        var subjects = new Dictionary<SubjectKind, List<SubjectRecord>> { [SubjectKind.Resident] = [], [SubjectKind.Enterprise] = [] };
        foreach (var kind in subjects.Keys)
        {
            for (var shard = 0; shard < registry.ShardCount; shard++)
            {
                await foreach (var subject in registry.ReadShardAsync(kind, shard))
                {
                    subjects[kind].Add(subject);
                }
            }
        }

        var payments = new List<ChaosExpectedPayment>();
        var reviews = new List<(string PolicyId, string SubjectId)>();
        foreach (var policy in SamplePolicies.Load(dictionary))
        {
            if (Period(policy, runDate) is not { } period)
            {
                continue;
            }

            var compiled = new CompiledPolicy(policy, dictionary, runDate, period.Start, period.End);
            foreach (var subject in subjects[policy.Target == PolicyTarget.Enterprises ? SubjectKind.Enterprise : SubjectKind.Resident])
            {
                var facts = new SubjectFacts(dictionary);
                foreach (var fact in subject.Facts)
                {
                    facts.Add(fact);
                }

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
                    payments.Add(new ChaosExpectedPayment(policy.Id, subject.Id.Value, period.Name, amount.Fen, Slots(policy, facts, subject.Id.Value, period.Name)));
                }
            }
        }

        return new ChaosExpectation(payments, reviews, subjects.Values.Sum(s => s.Count));
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
    private static List<string> Slots(PolicyDocument policy, SubjectFacts facts, string subjectId, string period)
    {
        var slots = new List<string>();
        if (policy.BeneficiaryLimit != BeneficiaryLimit.None)
        {
            var household = facts.Get("household.id") is { Value.Kind: ValueKind.Text } fact ? fact.Value.AsText : null;
            slots.Add($"{policy.Id}/{period}/household/{(string.IsNullOrEmpty(household) ? subjectId : household)}");
        }

        if (policy.ExclusionGroup is { } group)
        {
            slots.Add($"{group}/{period}/subject/{subjectId}");
        }

        return slots;
    }
}
