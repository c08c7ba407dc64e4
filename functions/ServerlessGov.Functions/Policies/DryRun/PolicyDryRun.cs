using System.Text.Json;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Proofs;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Subjects;

namespace ServerlessGov.Functions.Policies.DryRun;

/// <summary>
/// Evaluates a policy document against every subject of its kind, shard by shard as the registry streams them,
/// holding one subject's facts at a time: counts, costs and histograms are running totals and samples are bounded.
/// Only one-per-household keeps a winner per eligible household (see <see cref="HouseholdLimit"/>).
/// </summary>
internal sealed class PolicyDryRun(ISubjectFactsReader reader, DataDictionary dictionary)
{
    /// <summary>Runs the dry-run for <paramref name="draft"/> as of <paramref name="today"/>.</summary>
    /// <exception cref="PolicyValidationException">The policy is not in force on or after today.</exception>
    public async Task<DryRunReport> RunAsync(
        PolicyDocument draft,
        PolicyDocument? previous,
        IReadOnlyList<PolicyDocument> exclusionRivals,
        BusinessDate today,
        int samplesPerOutcome,
        CancellationToken cancellationToken = default)
    {
        var (start, end) = DryRunPeriod.For(draft, today);
        var compiled = new CompiledPolicy(draft, dictionary, today, start, end);
        var notes = new List<string>();
        var comparable = ComparableOrNull(previous, draft, notes);
        var before = comparable is null ? null : CompileOrNull(comparable, today, start, end, notes);
        var rivals = exclusionRivals
            .Where(r => r.Target == draft.Target && r.IsEffectiveOn(start) && r.IsEffectiveOn(end))
            .Select(r => new CompiledPolicy(r, dictionary, today, start, end))
            .ToList();
        if (draft.BeneficiaryLimit == BeneficiaryLimit.OnePerCouple)
        {
            notes.Add("One beneficiary per couple is not applied here: subject facts carry no spouse link, so both spouses may be counted.");
        }

        var tally = new Tally(draft, dictionary, samplesPerOutcome);
        var facts = new SubjectFacts(dictionary);
        var kind = draft.Target == PolicyTarget.Enterprises ? SubjectKind.Enterprise : SubjectKind.Resident;
        for (var shard = 0; shard < reader.ShardCount; shard++)
        {
            await foreach (var record in reader.ReadShardAsync(kind, shard, cancellationToken).ConfigureAwait(false))
            {
                Load(facts, record);
                var decision = compiled.DecideIfRelevant(facts);
                var outcome = decision?.Outcome ?? Truth.NotSatisfied;
                if (comparable is not null)
                {
                    tally.Compare(record.Id, before?.DecideIfRelevant(facts), decision);
                }

                switch (outcome)
                {
                    case Truth.NotSatisfied:
                        tally.AddNotEligible(record.Id, decision, compiled, facts);
                        break;
                    case Truth.Unknown:
                        tally.AddReview(record.Id, decision!);
                        break;
                    default:
                        var rival = rivals.Count == 0 ? null : WinningRival(record.Id, draft, decision!, rivals, facts);
                        if (rival is not null)
                        {
                            tally.AddExcluded(record.Id, decision!, $"mutually exclusive group '{draft.ExclusionGroup}': {rival} pays more");
                        }
                        else if (draft.BeneficiaryLimit == BeneficiaryLimit.OnePerHousehold && HouseholdOf(facts) is { } household)
                        {
                            tally.OfferToHousehold(household, record.Id, decision!);
                        }
                        else
                        {
                            tally.AddPaid(record.Id, decision!);
                        }

                        break;
                }

                tally.SubjectsRead++;
            }
        }

        return tally.Report(start, end, today, comparable?.Version.Number, notes);
    }

    private static PolicyDocument? ComparableOrNull(PolicyDocument? previous, PolicyDocument draft, List<string> notes)
    {
        if (previous is null)
        {
            return null;
        }

        if (previous.Target != draft.Target)
        {
            notes.Add($"The published {previous.Version} targets {previous.Target.ToString().ToLowerInvariant()}, the draft {draft.Target.ToString().ToLowerInvariant()}: no difference is computed.");
            return null;
        }

        return previous;
    }

    // A published version not in force in the period pays no one in it, so everyone the draft proves eligible gains.
    private CompiledPolicy? CompileOrNull(PolicyDocument previous, BusinessDate today, BusinessDate start, BusinessDate end, List<string> notes)
    {
        if (previous.EffectiveFrom > end || (previous.EffectiveUntil is { } until && until < start))
        {
            notes.Add($"The published {previous.Version} is not in force from {start} to {end}: everyone the draft proves eligible counts as a gain.");
            return null;
        }

        return new CompiledPolicy(previous, dictionary, today, start, end);
    }

    private static string? WinningRival(SubjectId subject, PolicyDocument draft, PolicyDecision decision, List<CompiledPolicy> rivals, SubjectFacts facts)
    {
        var candidates = new List<BenefitCandidate> { new(subject, draft.Id, draft.ExclusionGroup, BeneficiaryLimit.None, null, null, decision.Amount!.Value) };
        foreach (var rival in rivals)
        {
            if (rival.Evaluate(facts) == Truth.Satisfied && rival.Decide(facts) is { Outcome: Truth.Satisfied, Amount: { } amount })
            {
                candidates.Add(new(subject, rival.Policy.Id, draft.ExclusionGroup, BeneficiaryLimit.None, null, null, amount));
            }
        }

        var winner = BenefitConstraints.Resolve(candidates).Winners.Single();
        return winner.PolicyId == draft.Id ? null : winner.PolicyId;
    }

    private string? HouseholdOf(SubjectFacts facts) =>
        dictionary.TryGetFact("household.id", out _) && facts.Get("household.id") is { } household ? household.Value.ToString() : null;

    private void Load(SubjectFacts facts, SubjectRecord record)
    {
        facts.Clear();
        foreach (var fact in record.Facts)
        {
            if (dictionary.TryGetFact(fact.Fact, out _) && dictionary.TryGetSource(fact.Source, out _))
            {
                facts.Add(fact);
            }
        }
    }

    /// <summary>The running totals and bounded samples of one dry-run.</summary>
    private sealed class Tally(PolicyDocument draft, DataDictionary dictionary, int samples)
    {
        private readonly Dictionary<(string Fact, UnknownReasonKind Kind, string? Source), long> _unknown = [];
        private readonly List<DryRunSample> _paidSamples = [];
        private readonly List<DryRunSample> _reviewSamples = [];
        private readonly List<DryRunSample> _excludedSamples = [];
        private readonly List<DryRunSample> _notEligibleSamples = [];
        private readonly List<(string Household, SubjectId Subject, PolicyDecision Decision)> _householdSamples = [];
        private readonly List<DifferenceSample> _gainSamples = [];
        private readonly List<DifferenceSample> _loseSamples = [];
        private readonly List<DifferenceSample> _toReviewSamples = [];
        private readonly List<DifferenceSample> _fromReviewSamples = [];
        private readonly HouseholdLimit _households = new();
        private Money _cost;
        private long _paid;
        private long _review;
        private long _excluded;
        private long _gain;
        private long _lose;
        private long _up;
        private long _down;
        private long _toReview;
        private long _fromReview;

        public long SubjectsRead { get; set; }

        public long NotEligible { get; private set; }

        private string PaidOutcome => draft.Track == PolicyTrack.Automatic ? "automatic" : "invited";

        public void AddPaid(SubjectId subject, PolicyDecision decision)
        {
            _paid++;
            _cost += decision.Amount!.Value;
            Sample(_paidSamples, subject, PaidOutcome, decision, null);
        }

        // The proof of a not-eligible subject is built only while samples are still wanted (most subjects are not eligible).
        public void AddNotEligible(SubjectId subject, PolicyDecision? decision, CompiledPolicy compiled, SubjectFacts facts)
        {
            NotEligible++;
            if (_notEligibleSamples.Count < samples)
            {
                Sample(_notEligibleSamples, subject, "notEligible", decision ?? compiled.Decide(facts), null);
            }
        }

        public void AddReview(SubjectId subject, PolicyDecision decision)
        {
            _review++;
            foreach (var reason in decision.UnknownReasons.Select(r => (r.Subject, r.Kind, r.Source)).Distinct())
            {
                _unknown[reason] = _unknown.GetValueOrDefault(reason) + 1;
            }

            Sample(_reviewSamples, subject, "review", decision, null);
        }

        public void AddExcluded(SubjectId subject, PolicyDecision decision, string because)
        {
            _excluded++;
            Sample(_excludedSamples, subject, "excluded", decision, because);
        }

        public void OfferToHousehold(string household, SubjectId subject, PolicyDecision decision)
        {
            _households.Offer(household, subject, decision.Amount!.Value);
            if (_householdSamples.Count < samples * 4)
            {
                _householdSamples.Add((household, subject, decision));
            }
        }

        public void Compare(SubjectId subject, PolicyDecision? before, PolicyDecision? after)
        {
            var was = before?.Outcome ?? Truth.NotSatisfied;
            var now = after?.Outcome ?? Truth.NotSatisfied;
            if (was != Truth.Satisfied && now == Truth.Satisfied)
            {
                _gain++;
                Difference(_gainSamples, subject, "gain", before, after);
            }
            else if (was == Truth.Satisfied && now != Truth.Satisfied)
            {
                _lose++;
                Difference(_loseSamples, subject, "lose", before, after);
            }
            else if (was == Truth.NotSatisfied && now == Truth.Unknown)
            {
                _toReview++;
                Difference(_toReviewSamples, subject, "toReview", before, after);
            }
            else if (was == Truth.Unknown && now == Truth.NotSatisfied)
            {
                _fromReview++;
                Difference(_fromReviewSamples, subject, "fromReview", before, after);
            }
            else if (was == Truth.Satisfied && now == Truth.Satisfied)
            {
                var difference = after!.Amount!.Value.CompareTo(before!.Amount!.Value);
                _up += difference > 0 ? 1 : 0;
                _down += difference < 0 ? 1 : 0;
            }
        }

        public DryRunReport Report(BusinessDate start, BusinessDate end, BusinessDate today, int? previousVersion, IReadOnlyList<string> notes)
        {
            foreach (var (household, subject, decision) in _householdSamples)
            {
                if (_households.IsWinner(household, subject))
                {
                    Sample(_paidSamples, subject, PaidOutcome, decision, null);
                }
                else
                {
                    Sample(_excludedSamples, subject, "excluded", decision, "one beneficiary per household");
                }
            }

            var paid = _paid + _households.Households;
            var excluded = _excluded + (_households.Offered - _households.Households);
            var cost = _cost + _households.Total();
            var cap = draft.BudgetCap;
            var budget = new DryRunBudget(
                cost.Yuan,
                cap?.Yuan,
                cap is { } c ? cost <= c : null,
                cap is { } limit && cost > Money.Zero ? limit.Fen / cost.Fen : null);
            var counts = draft.Track == PolicyTrack.Automatic
                ? new DryRunCounts(paid, 0, _review, excluded, NotEligible)
                : new DryRunCounts(0, paid, _review, excluded, NotEligible);
            var histogram = _unknown
                .OrderByDescending(u => u.Value).ThenBy(u => u.Key.Fact, StringComparer.Ordinal).ThenBy(u => u.Key.Kind)
                .Select(u => new UnknownReasonCount(
                    u.Key.Fact,
                    JsonNamingPolicy.CamelCase.ConvertName(u.Key.Kind.ToString()),
                    u.Key.Source,
                    dictionary.TryGetFact(u.Key.Fact, out var fact) ? fact.AuthoritativeSources : [],
                    u.Value))
                .ToList();
            var difference = previousVersion is { } version
                ? new VersionDifference(version, _gain, _lose, _up, _down, _toReview, _fromReview, [.. _gainSamples, .. _loseSamples, .. _toReviewSamples, .. _fromReviewSamples])
                : null;
            return new DryRunReport(
                draft.Id, draft.Version.Number, today.ToString(), start.ToString(), end.ToString(), SubjectsRead,
                counts, budget, histogram, [.. _paidSamples, .. _reviewSamples, .. _excludedSamples, .. _notEligibleSamples], difference, notes);
        }

        private void Sample(List<DryRunSample> into, SubjectId subject, string outcome, PolicyDecision decision, string? because)
        {
            if (into.Count >= samples)
            {
                return;
            }

            into.Add(new DryRunSample(
                subject.Value,
                outcome,
                decision.Amount?.Yuan,
                ExplanationRenderer.Render(decision, draft, dictionary, Language.Zh),
                ExplanationRenderer.Render(decision, draft, dictionary, Language.En),
                because));
        }

        private void Difference(List<DifferenceSample> into, SubjectId subject, string change, PolicyDecision? before, PolicyDecision? after)
        {
            if (into.Count < samples)
            {
                into.Add(new DifferenceSample(subject.Value, change, Name(before), before?.Amount?.Yuan, Name(after), after?.Amount?.Yuan));
            }
        }

        private static string Name(PolicyDecision? decision) => (decision?.Outcome ?? Truth.NotSatisfied) switch
        {
            Truth.Satisfied => "satisfied",
            Truth.Unknown => "unknown",
            _ => "notSatisfied",
        };
    }
}
