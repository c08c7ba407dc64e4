using System.Text.Json;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Proofs;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Subjects;

namespace ServerlessGov.Functions.Policies.DryRun;

/// <summary>
/// Evaluates a policy document against every subject of its kind, shard by shard as the registry streams them,
/// holding one subject's facts at a time (with the absences the registry's complete extracts give them): counts, costs
/// and histograms are running totals and samples are bounded. Only one-per-household and one-per-couple keep a winner
/// per eligible household or couple (see <see cref="LimitWinners"/>).
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
            notes.Add("One beneficiary per couple pairs the spouses the marriage registry names; that each names the other is checked only when a case opens.");
        }

        var tally = new Tally(draft, dictionary, samplesPerOutcome);
        var facts = new SubjectFacts(dictionary);
        var kind = draft.Target == PolicyTarget.Enterprises ? SubjectKind.Enterprise : SubjectKind.Resident;
        var coverage = await reader.GetCoverageAsync(cancellationToken).ConfigureAwait(false);
        for (var shard = 0; shard < reader.ShardCount; shard++)
        {
            await foreach (var record in reader.ReadShardAsync(kind, shard, cancellationToken).ConfigureAwait(false))
            {
                Load(facts, record, coverage, today);
                var decision = compiled.DecideIfRelevant(facts);
                if (decision is not null)
                {
                    tally.CountAbsences(decision);
                }

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
                        else if (LimitGroupOf(draft.BeneficiaryLimit, record.Id, facts, compiled.Context) is var (group, limitReasons) && limitReasons.Count > 0)
                        {
                            tally.AddReview(record.Id, decision! with { Outcome = Truth.Unknown, AmountReasons = limitReasons });
                        }
                        else if (group is not null)
                        {
                            tally.OfferToGroup(group, record.Id, decision!);
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

    // The household or couple a limited policy pays one member of, as production reads them (authoritative, fresh):
    // the reasons when they cannot be known, and no group for an unmarried subject or an unlimited policy.
    private static (string? Group, IReadOnlyList<UnknownReason> Reasons) LimitGroupOf(BeneficiaryLimit limit, SubjectId subject, SubjectFacts facts, EvaluationContext context)
    {
        switch (limit)
        {
            case BeneficiaryLimit.OnePerHousehold:
                var (household, reasons) = RuleInterpreter.EvaluateFact("household.id", facts, context);
                return household is { } h ? ("household:" + h.AsText, []) : (null, reasons);
            case BeneficiaryLimit.OnePerCouple:
                var (married, unknown) = RuleInterpreter.EvaluateFact("marriage.married", facts, context);
                if (married is not { } isMarried || !isMarried.AsBool)
                {
                    return (null, unknown);
                }

                var (spouse, missing) = RuleInterpreter.EvaluateFact("marriage.spouse", facts, context);
                if (spouse is not { } other)
                {
                    return (null, missing);
                }

                var partner = new SubjectId(other.AsText);
                var (first, second) = subject < partner ? (subject, partner) : (partner, subject);
                return ($"couple:{first.Value}|{second.Value}", []);
            default:
                return (null, []);
        }
    }

    private void Load(SubjectFacts facts, SubjectRecord record, RegistryCoverage coverage, BusinessDate today)
    {
        var known = record.Facts.Where(f => dictionary.TryGetFact(f.Fact, out _) && dictionary.TryGetSource(f.Source, out _)).ToList();
        coverage.Load(facts, record.Kind, known, today);
    }

    /// <summary>The running totals and bounded samples of one dry-run.</summary>
    private sealed class Tally(PolicyDocument draft, DataDictionary dictionary, int samples)
    {
        private readonly Dictionary<(string Fact, UnknownReasonKind Kind, string? Source, string? AbsentFrom), long> _unknown = [];
        private readonly List<DryRunSample> _paidSamples = [];
        private readonly List<DryRunSample> _reviewSamples = [];
        private readonly List<DryRunSample> _excludedSamples = [];
        private readonly List<DryRunSample> _notEligibleSamples = [];
        private readonly List<(string Group, SubjectId Subject, PolicyDecision Decision)> _groupSamples = [];
        private readonly List<DifferenceSample> _gainSamples = [];
        private readonly List<DifferenceSample> _loseSamples = [];
        private readonly List<DifferenceSample> _toReviewSamples = [];
        private readonly List<DifferenceSample> _fromReviewSamples = [];
        private readonly LimitWinners _groups = new();
        private readonly Dictionary<(string Fact, string Source), long> _absences = [];
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
            foreach (var reason in decision.UnknownReasons.Select(r => (r.Subject, r.Kind, r.Source, r.Absence is { } a ? AbsentFrom(a) : null)).Distinct())
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

        public void OfferToGroup(string group, SubjectId subject, PolicyDecision decision)
        {
            _groups.Offer(group, subject, decision.Amount!.Value);
            if (_groupSamples.Count < samples * 4)
            {
                _groupSamples.Add((group, subject, decision));
            }
        }

        public void CountAbsences(PolicyDecision decision)
        {
            foreach (var evidence in decision.Proof.Leaves().SelectMany(l => l.Facts).Where(f => f.Absence is not null).Select(f => (f.Fact, f.Source)).Distinct())
            {
                _absences[evidence] = _absences.GetValueOrDefault(evidence) + 1;
            }
        }

        private static string AbsentFrom(Absence absence) =>
            $"absent from {absence.Source} extract of {BusinessDate.FromInstant(absence.AsOf)} covering {absence.Scope.Describe(Language.En)}";

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
            foreach (var (group, subject, decision) in _groupSamples)
            {
                if (_groups.IsWinner(group, subject))
                {
                    Sample(_paidSamples, subject, PaidOutcome, decision, null);
                }
                else
                {
                    Sample(_excludedSamples, subject, "excluded", decision, group.StartsWith("couple:", StringComparison.Ordinal) ? "one beneficiary per couple" : "one beneficiary per household");
                }
            }

            var paid = _paid + _groups.Groups;
            var excluded = _excluded + (_groups.Offered - _groups.Groups);
            var cost = _cost + _groups.Total();
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
                    u.Value)
                { AbsentFrom = u.Key.AbsentFrom })
                .ToList();
            var difference = previousVersion is { } version
                ? new VersionDifference(version, _gain, _lose, _up, _down, _toReview, _fromReview, [.. _gainSamples, .. _loseSamples, .. _toReviewSamples, .. _fromReviewSamples])
                : null;
            return new DryRunReport(
                draft.Id, draft.Version.Number, today.ToString(), start.ToString(), end.ToString(), SubjectsRead,
                counts, budget, histogram, [.. _paidSamples, .. _reviewSamples, .. _excludedSamples, .. _notEligibleSamples], difference, notes)
            {
                DecidedByAbsence = _absences
                    .OrderByDescending(a => a.Value).ThenBy(a => a.Key.Fact, StringComparer.Ordinal).ThenBy(a => a.Key.Source, StringComparer.Ordinal)
                    .Select(a => new AbsenceCount(a.Key.Fact, a.Key.Source, a.Value))
                    .ToList(),
            };
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
