using Microsoft.DurableTask.Client;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Subjects;

namespace ServerlessGov.Functions.Cases.Limits;

/// <summary>
/// Decides, from the data alone, whether a proven subject receives a policy that shares an exclusion group or has a
/// beneficiary limit: the subject, its household's other members and its spouse are decided against the policy and
/// the group's other policies in force, and <see cref="BenefitConstraints"/> picks the winners (highest amount, then
/// the smallest policy id in a group and the smallest subject id in a household or couple). Every shard, retry and
/// re-evaluation that decides the same data picks the same winner, so only the winner's case opens. A winner whose
/// period another candidate already holds (paid earlier, on other data) is not paid twice: it is held, and from the
/// next period the winner is paid and the other is not. The slots a case claims stay the guard against a double
/// payment when data changes between two decisions.
/// </summary>
public sealed class BenefitContest
{
    private const string HouseholdFact = "household.id";
    private const string MarriedFact = "marriage.married";
    private const string SpouseFact = "marriage.spouse";
    private readonly ISubjectFactsReader _subjects;
    private readonly PolicyEvaluator _evaluator;
    private readonly DurableTaskClient _client;

    public BenefitContest(ISubjectFactsReader subjects, PolicyEvaluator evaluator, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(client);
        _subjects = subjects;
        _evaluator = evaluator;
        _client = client;
    }

    /// <summary>Whether a proven decision of <paramref name="policy"/> must be contested before its case opens.</summary>
    public static bool Applies(PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.ExclusionGroup is not null || policy.BeneficiaryLimit != BeneficiaryLimit.None;
    }

    /// <summary>
    /// Contests the proven <paramref name="decision"/> of <paramref name="subject"/> under <paramref name="policy"/> for
    /// <paramref name="period"/>, decided on <paramref name="date"/>; <paramref name="inForce"/> are the policies in
    /// force that day (the group's other policies are taken from them).
    /// </summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">A store failed.</exception>
    public async Task<ContestOutcome> DecideAsync(
        PolicyDocument policy, PolicyPeriod period, BusinessDate date, IReadOnlyList<PolicyDocument> inForce,
        SubjectRecord subject, SubjectFacts facts, PolicyDecision decision, RegistryCoverage coverage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(inForce);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(coverage);
        if (!Applies(policy) || decision is not { Outcome: Truth.Satisfied, Amount: { Fen: > 0 } amount })
        {
            return ContestOutcome.Unconstrained;
        }

        var context = _evaluator.Compile(policy, date, period).Context;
        var entrants = Entrants(policy, period, date, inForce);
        var self = await LimitOfAsync(policy.BeneficiaryLimit, subject, facts, context, coverage, date, cancellationToken).ConfigureAwait(false);
        if (self.Unknown.Count > 0)
        {
            return new ContestOutcome(ContestResult.Unknown, null, self.Unknown, null);
        }

        // The circle: the subject, and whoever a limit of the policy or of its rivals makes compete with it.
        var household = self.Household ?? (entrants.Any(e => e.Policy.BeneficiaryLimit == BeneficiaryLimit.OnePerHousehold) ? Usable(HouseholdFact, facts, context) : null);
        var circle = new List<(SubjectRecord Record, SubjectFacts Facts)> { (subject, facts) };
        if (household is not null)
        {
            await foreach (var member in _subjects.ReadHouseholdAsync(household, cancellationToken).ConfigureAwait(false))
            {
                if (member.Id != subject.Id)
                {
                    circle.Add((member, PolicyEvaluator.FactsOf(member, coverage, date)));
                }
            }
        }

        if (self.Spouse is { } partner && circle.All(c => c.Record.Id != partner.Record.Id))
        {
            circle.Add(partner);
        }

        // A candidate competes under a limit only when its household (or marital status and spouse) is known; one
        // whose limit cannot be checked goes to review in its own case and displaces no one here.
        var candidates = new List<BenefitCandidate>();
        foreach (var (record, memberFacts) in circle)
        {
            var memberHousehold = record.Id == subject.Id ? household : Usable(HouseholdFact, memberFacts, context);
            var (married, memberSpouse) = record.Id == subject.Id && policy.BeneficiaryLimit == BeneficiaryLimit.OnePerCouple
                ? (self.Spouse is not null, self.Spouse?.Record.Id)
                : MaritalStatus(memberFacts, context);
            foreach (var entrant in entrants)
            {
                var limitKnown = entrant.Policy.BeneficiaryLimit switch
                {
                    BeneficiaryLimit.OnePerHousehold => memberHousehold is not null,
                    BeneficiaryLimit.OnePerCouple => married == false || memberSpouse is not null,
                    _ => true,
                };
                var proven = record.Id == subject.Id && entrant.Policy.Id == policy.Id
                    ? amount
                    : entrant.Compiled.DecideIfRelevant(memberFacts) is { Outcome: Truth.Satisfied, Amount: { Fen: > 0 } other } ? other : (Money?)null;
                if (limitKnown && proven is { } paid)
                {
                    candidates.Add(new BenefitCandidate(record.Id, entrant.Policy.Id, entrant.Policy.ExclusionGroup, entrant.Policy.BeneficiaryLimit, memberHousehold, memberSpouse, paid));
                }
            }
        }

        var resolution = BenefitConstraints.Resolve(candidates);
        if (resolution.Excluded.FirstOrDefault(e => e.Candidate.Subject == subject.Id && e.Candidate.PolicyId == policy.Id) is { } lost)
        {
            return new ContestOutcome(ContestResult.Outranked, Outranked(lost), [], null);
        }

        var mine = resolution.Winners.Single(w => w.Subject == subject.Id && w.PolicyId == policy.Id);
        if (await HeldAsync(mine, candidates, entrants, subject.Id, cancellationToken).ConfigureAwait(false) is { } held)
        {
            return new ContestOutcome(ContestResult.Held, held, [], null);
        }

        return new ContestOutcome(ContestResult.Wins, null, [], self.Slot);
    }

    // The policy and the group's other policies in force, each compiled for its own period containing the date.
    private List<Entrant> Entrants(PolicyDocument policy, PolicyPeriod period, BusinessDate date, IReadOnlyList<PolicyDocument> inForce)
    {
        var entrants = new List<Entrant> { new(policy, period, _evaluator.Compile(policy, date, period)) };
        if (policy.ExclusionGroup is not { } group)
        {
            return entrants;
        }

        foreach (var rival in inForce.Where(p => p.Id != policy.Id && p.ExclusionGroup == group && p.Target == policy.Target).OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            if (PolicyPeriod.For(rival, date).Within(rival) is { } rivalPeriod)
            {
                entrants.Add(new Entrant(rival, rivalPeriod, _evaluator.Compile(rival, date, rivalPeriod)));
            }
        }

        return entrants;
    }

    // The subject's own household or spouse, as its limit needs them: known from authoritative, fresh data, or the
    // reasons they are not. A spouse counts only when the marriage registry names each of the two as the other's.
    private async Task<Limit> LimitOfAsync(BeneficiaryLimit limit, SubjectRecord subject, SubjectFacts facts, EvaluationContext context, RegistryCoverage coverage, BusinessDate date, CancellationToken cancellationToken)
    {
        switch (limit)
        {
            case BeneficiaryLimit.OnePerHousehold:
                var (household, reasons) = RuleInterpreter.EvaluateFact(HouseholdFact, facts, context);
                return household is { } h ? new Limit(h.AsText, null, "household:" + h.AsText, []) : new Limit(null, null, null, reasons);
            case BeneficiaryLimit.OnePerCouple:
                var (married, unknown) = RuleInterpreter.EvaluateFact(MarriedFact, facts, context);
                if (married is not { } isMarried)
                {
                    return new Limit(null, null, null, unknown);
                }

                if (!isMarried.AsBool)
                {
                    return new Limit(null, null, "subject:" + subject.Id.Value, []);
                }

                var (spouseId, missing) = RuleInterpreter.EvaluateFact(SpouseFact, facts, context);
                if (spouseId is not { } id)
                {
                    return new Limit(null, null, null, missing);
                }

                var spouse = await _subjects.GetAsync(new SubjectId(id.AsText), cancellationToken).ConfigureAwait(false);
                var spouseFacts = spouse is null ? null : PolicyEvaluator.FactsOf(spouse, coverage, date);
                if (spouse is null || Usable(SpouseFact, spouseFacts!, context) != subject.Id.Value)
                {
                    var observed = facts.Get(SpouseFact)!;
                    return new Limit(null, null, null, [new UnknownReason(UnknownReasonKind.Conflicting, SpouseFact, observed.Source, observed.AsOf, observed.Source)]);
                }

                var (first, second) = subject.Id < spouse.Id ? (subject.Id, spouse.Id) : (spouse.Id, subject.Id);
                return new Limit(null, (spouse, spouseFacts!), $"couple:{first.Value}|{second.Value}", []);
            default:
                return new Limit(null, null, null, []);
        }
    }

    // A period is held by a competitor whose case for it exists and has not ended without paying: the winner waits for
    // the next period rather than be paid beside it.
    private async Task<string?> HeldAsync(BenefitCandidate mine, List<BenefitCandidate> candidates, List<Entrant> entrants, SubjectId subject, CancellationToken cancellationToken)
    {
        var limitKey = BenefitConstraints.LimitKey(mine);
        foreach (var other in candidates)
        {
            var rival = other.Subject == subject && other.PolicyId != mine.PolicyId && other.ExclusionGroup is not null && other.ExclusionGroup == mine.ExclusionGroup;
            var member = other.Subject != subject && other.PolicyId == mine.PolicyId && limitKey is not null && BenefitConstraints.LimitKey(other) == limitKey;
            if (!rival && !member)
            {
                continue;
            }

            var period = entrants.First(e => e.Policy.Id == other.PolicyId).Period.Name;
            if (await HoldsAsync(CaseIds.Case(other.PolicyId, other.Subject.Value, period), cancellationToken).ConfigureAwait(false))
            {
                return rival
                    ? $"{other.PolicyId} already pays {period}; the better benefit starts with the next period"
                    : $"another {(mine.Limit == BeneficiaryLimit.OnePerCouple ? "spouse" : "member of the household")} already receives {period}";
            }
        }

        return null;
    }

    private async Task<bool> HoldsAsync(string caseId, CancellationToken cancellationToken)
    {
        var instance = await _client.GetInstanceAsync(caseId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return instance switch
        {
            null => false,
            { RuntimeStatus: OrchestrationRuntimeStatus.Completed } => instance.ReadOutputAs<CaseResult>()?.Outcome is CaseOutcome.Paid or CaseOutcome.AmountUnknown,
            { RuntimeStatus: OrchestrationRuntimeStatus.Terminated } => false,
            _ => true,
        };
    }

    private static string Outranked(ExcludedCandidate lost) => lost.Winner.PolicyId != lost.Candidate.PolicyId
        ? $"a better benefit: {lost.Winner.PolicyId} pays {lost.Winner.Amount} against {lost.Candidate.Amount}"
        : lost.Candidate.Limit == BeneficiaryLimit.OnePerCouple
            ? "one per couple: the spouse receives it"
            : "one per household: another member receives it";

    // Married or not as the registry proves it (null when unknown), and the spouse it names when married.
    private static (bool? Married, SubjectId? Spouse) MaritalStatus(SubjectFacts facts, EvaluationContext context)
    {
        var married = RuleInterpreter.EvaluateFact(MarriedFact, facts, context).Value?.AsBool;
        return (married, married == true && Usable(SpouseFact, facts, context) is { } spouse ? new SubjectId(spouse) : null);
    }

    private static string? Usable(string fact, SubjectFacts facts, EvaluationContext context) =>
        RuleInterpreter.EvaluateFact(fact, facts, context).Value is { Kind: Domain.Rules.ValueKind.Text } value ? value.AsText : null;

    private sealed record Entrant(PolicyDocument Policy, PolicyPeriod Period, CompiledPolicy Compiled);

    private sealed record Limit(string? Household, (SubjectRecord Record, SubjectFacts Facts)? Spouse, string? Slot, IReadOnlyList<UnknownReason> Unknown);
}
