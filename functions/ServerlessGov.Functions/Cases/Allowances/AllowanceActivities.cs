using Microsoft.Azure.Functions.Worker;
using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Rules.Syntax;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.Limits;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects;

namespace ServerlessGov.Functions.Cases.Allowances;

/// <summary>
/// The allowance's activities: decide a month from the current facts (the newest version in force), and re-check a
/// paid month after a change. The date eligibility ended is the as-of date of the facts that now fail the rule (the
/// death registry's record of a death, the household registry's record of a move).
/// </summary>
public sealed class AllowanceActivities(IPolicyCatalog catalog, ISubjectFactsReader registry, PolicyEvaluator evaluator, BenefitContest benefits, TimeProvider time)
{
    /// <summary>Decides a month.</summary>
    public const string Decide = "DecideAllowanceMonth";

    /// <summary>Re-checks a paid month after a fact change.</summary>
    public const string Recheck = "RecheckAllowanceMonth";

    /// <summary>Decides a month from the current facts: pay, review, stop, or outranked by another benefit.</summary>
    [Function(Decide)]
    public async Task<AllowanceDecision> DecideAsync([ActivityTrigger] AllowanceInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var month = PolicyPeriod.ParseMonth(input.Month);
        var state = await LoadAsync(input.PolicyId, input.SubjectId, month, cancellationToken).ConfigureAwait(false);
        if (state.Stop is { } stop)
        {
            return new AllowanceDecision(AllowanceDecisionKind.Stop, null, month.Start.ToString(), stop, 0);
        }

        var (policy, subject, facts, decision, period) = state;
        switch (decision!.Outcome)
        {
            case Truth.Satisfied:
                var contest = await benefits
                    .DecideAsync(policy!, period!, state.Today, state.InForce, subject!, facts!, decision, state.Coverage!, cancellationToken).ConfigureAwait(false);
                if (contest.Result is ContestResult.Outranked or ContestResult.Held)
                {
                    return new AllowanceDecision(AllowanceDecisionKind.Outranked, null, null, contest.Reason, 0);
                }

                var kind = contest.Result == ContestResult.Unknown ? AllowanceDecisionKind.Review : AllowanceDecisionKind.Pay;
                return new AllowanceDecision(kind, evaluator.ToCase(policy!, subject!, facts!, decision, input.Month, contest), null, null, kind == AllowanceDecisionKind.Pay ? period!.DaysPaid(decision.EligibleDays) : 0);
            case Truth.Unknown:
                return new AllowanceDecision(AllowanceDecisionKind.Review, evaluator.ToCase(policy!, subject!, facts!, decision, input.Month), null, null, 0);
        }

        var stopDate = StopDateOf(decision, month.Start);
        var reason = "No longer eligible: " + string.Join(", ", FailingFacts(decision).Select(f => f.Fact).Distinct());
        if (!input.PaidBefore || stopDate <= month.Start)
        {
            return new AllowanceDecision(AllowanceDecisionKind.Stop, null, stopDate.ToString(), reason, 0);
        }

        // Eligible until the day before the stop date: pay those days of the month at the month's full amount.
        var compiled = evaluator.Compile(policy!, BusinessDate.Today(time), period!);
        var (monthly, _) = AmountCalculator.ComputeExact(policy!.Amount, facts!, compiled.Context);
        var until = stopDate.AddDays(-1);
        if (monthly is not { } yuan || AmountCalculator.Prorated(yuan, policy.Amount.Rounding, month.Start, null, until) is not { Fen: > 0 } final)
        {
            return new AllowanceDecision(AllowanceDecisionKind.Stop, null, stopDate.ToString(), reason, 0);
        }

        var satisfied = decision with { Outcome = Truth.Satisfied, Amount = final };
        var finalCase = evaluator.ToCase(policy, subject!, facts!, satisfied, input.Month);
        return new AllowanceDecision(AllowanceDecisionKind.Stop, finalCase, stopDate.ToString(), reason, until.Date.DayNumber - month.Start.Date.DayNumber + 1);
    }

    /// <summary>Re-checks a paid month after a fact change: whether it stopped, since when, and what to recover.</summary>
    [Function(Recheck)]
    public async Task<AllowanceRecheckResult> RecheckAsync([ActivityTrigger] AllowanceRecheck input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var month = PolicyPeriod.ParseMonth(input.Month);
        var state = await LoadAsync(input.PolicyId, input.SubjectId, month, cancellationToken).ConfigureAwait(false);
        if (state.Stop is { } stop)
        {
            return new AllowanceRecheckResult(true, month.Start.ToString(), stop, 0);
        }

        if (state.Decision!.Outcome != Truth.NotSatisfied)
        {
            return new AllowanceRecheckResult(false, null, null, 0);
        }

        var stopDate = StopDateOf(state.Decision, month.Start);
        var reason = "No longer eligible: " + string.Join(", ", FailingFacts(state.Decision).Select(f => f.Fact).Distinct());
        var overpaidDays = Math.Min(input.PaidDays, month.End.Date.DayNumber - stopDate.Date.DayNumber + 1);
        var recover = input.PaidDays <= 0 || overpaidDays <= 0
            ? 0
            : (long)decimal.Round((decimal)input.PaidFen * overpaidDays / input.PaidDays, 0, MidpointRounding.AwayFromZero);
        return new AllowanceRecheckResult(true, stopDate.ToString(), reason, recover);
    }

    private async Task<MonthState> LoadAsync(string policyId, string subjectId, PolicyPeriod month, CancellationToken cancellationToken)
    {
        var today = BusinessDate.Today(time);
        var asOf = today < month.End ? today : month.End;
        var effective = await catalog.ListEffectiveAsync(asOf < month.Start ? month.Start : asOf, cancellationToken).ConfigureAwait(false);
        var policy = effective.FirstOrDefault(p => p.Document.Id == policyId)?.Document;
        if (policy is null || month.Within(policy) is not { } period)
        {
            return new MonthState("The policy is no longer in force.");
        }

        var subject = await registry.GetAsync(new SubjectId(subjectId), cancellationToken).ConfigureAwait(false);
        if (subject is null)
        {
            return new MonthState("The subject is no longer in the registry.");
        }

        var coverage = await registry.GetCoverageAsync(cancellationToken).ConfigureAwait(false);
        var facts = PolicyEvaluator.FactsOf(subject, coverage, today);
        var decision = evaluator.Compile(policy, today, period).Decide(facts);
        return new MonthState(null, policy, subject, facts, decision, period)
        {
            Today = today,
            InForce = effective.Select(p => p.Document).ToList(),
            Coverage = coverage,
        };
    }

    private static IEnumerable<FactEvidence> FailingFacts(PolicyDecision decision) => FailingFacts(decision.Proof, Truth.NotSatisfied);

    // The facts of the leaves that made the rule fail. Under a "not" the failing leaf is one that holds: in
    // "not deceased" the death record is satisfied, and its as-of date is the date eligibility ended.
    private static IEnumerable<FactEvidence> FailingFacts(ClauseProof proof, Truth failing)
    {
        if (proof.Children.Count == 0)
        {
            return proof.Outcome == failing ? proof.Facts : [];
        }

        var childFailing = proof.Node is NotNode ? (failing == Truth.NotSatisfied ? Truth.Satisfied : Truth.NotSatisfied) : failing;
        return proof.Children.SelectMany(child => FailingFacts(child, childFailing));
    }

    private static BusinessDate StopDateOf(PolicyDecision decision, BusinessDate fallback)
    {
        var latest = FailingFacts(decision).Select(f => (DateTimeOffset?)f.AsOf).Max();
        return latest is { } asOf ? BusinessDate.FromInstant(asOf) : fallback;
    }

    private sealed record MonthState(string? Stop, PolicyDocument? Policy = null, SubjectRecord? Subject = null, SubjectFacts? Facts = null, PolicyDecision? Decision = null, PolicyPeriod? Period = null)
    {
        public BusinessDate Today { get; init; }

        public IReadOnlyList<PolicyDocument> InForce { get; init; } = [];

        public RegistryCoverage? Coverage { get; init; }

        public void Deconstruct(out PolicyDocument? policy, out SubjectRecord? subject, out SubjectFacts? facts, out PolicyDecision? decision, out PolicyPeriod? period)
        {
            policy = Policy;
            subject = Subject;
            facts = Facts;
            decision = Decision;
            period = Period;
        }
    }
}
