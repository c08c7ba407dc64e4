using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Limits;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects;

namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>
/// Decides subjects against published policies and turns a relevant decision into a case: compiled policies are
/// cached per (policy, version, date, period), facts come from the registry with their provenance.
/// </summary>
public sealed class PolicyEvaluator
{
    private readonly ConcurrentDictionary<(string, int, BusinessDate, BusinessDate, BusinessDate), CompiledPolicy> _compiled = new();
    private readonly IPolicyCatalog _catalog;
    private readonly ISubjectFactsReader _subjects;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<CaseOptions> _options;

    public PolicyEvaluator(IPolicyCatalog catalog, ISubjectFactsReader subjects, TimeProvider time, IOptionsMonitor<CaseOptions> options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _subjects = subjects;
        _time = time;
        _options = options;
    }

    /// <summary>The data dictionary decisions are made with.</summary>
    public static DataDictionary Dictionary => DataDictionary.Default;

    /// <summary>The subject kind a policy's target reads.</summary>
    public static SubjectKind KindOf(PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Target == PolicyTarget.Enterprises ? SubjectKind.Enterprise : SubjectKind.Resident;
    }

    /// <summary>The policy compiled for an evaluation date and period (cached).</summary>
    public CompiledPolicy Compile(PolicyDocument policy, BusinessDate evaluationDate, PolicyPeriod period)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(period);
        return _compiled.GetOrAdd((policy.Id, policy.Version.Number, evaluationDate, period.Start, period.End),
            _ => new CompiledPolicy(policy, Dictionary, evaluationDate, period.Start, period.End));
    }

    /// <summary>
    /// A subject's facts loaded for evaluation on <paramref name="date"/>: its observations, and the absent value of each
    /// fact a complete extract covering it does not list it in (<see cref="RegistryCoverage.Load"/>).
    /// </summary>
    public static SubjectFacts FactsOf(SubjectRecord subject, RegistryCoverage coverage, BusinessDate date)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(coverage);
        var facts = new SubjectFacts(Dictionary);
        coverage.Load(facts, subject.Kind, subject.Facts, date);
        return facts;
    }

    /// <summary>
    /// The case for a satisfied or unknown decision: automatic when the data proved eligibility (and, under an exclusion
    /// group or a beneficiary limit, the subject won its <paramref name="contest"/>) on an automatic policy, review
    /// otherwise. Null when there is nothing to pay: a satisfied decision for zero, or another candidate receives it.
    /// </summary>
    public CaseInput? ToCase(PolicyDocument policy, SubjectRecord subject, SubjectFacts facts, PolicyDecision decision, string period, ContestOutcome? contest = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(decision);
        var proven = decision.Outcome == Truth.Satisfied;
        if ((proven && decision.Amount is not { Fen: > 0 }) || contest?.Result is ContestResult.Outranked or ContestResult.Held)
        {
            return null;
        }

        // A limit that cannot be checked (the household or spouse not known) sends a proven case to review with its reasons.
        var limitUnknown = contest is { Result: ContestResult.Unknown };
        var track = proven && !limitUnknown && policy.Track == PolicyTrack.Automatic ? CaseTrack.Automatic : CaseTrack.Review;
        var reasons = limitUnknown ? contest!.Reasons : decision.UnknownReasons;
        return new CaseInput(
            policy.Id,
            policy.Version.Number,
            subject.Id.Value,
            period,
            track,
            decision.Amount?.Fen,
            PayeeAccounts.For(subject.Id),
            Purpose(policy, period),
            policy.RequiresConfirmation,
            reasons.Take(16).ToList(),
            SlotsOf(policy, subject, facts, period, contest?.LimitSlot),
            _time.GetUtcNow(),
            CaseRules.From(_options.CurrentValue));
    }

    /// <summary>
    /// The amount of an approved case from the subject's current facts over its period, ignoring the rule (a reviewer
    /// settled eligibility); 0 when the facts cannot give one.
    /// </summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">A store failed.</exception>
    public async Task<long> ResolveAmountAsync(CaseInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var published = await _catalog.GetAsync(input.PolicyId, new PolicyVersion(input.PolicyVersion), cancellationToken).ConfigureAwait(false);
        var subject = await _subjects.GetAsync(new SubjectId(input.SubjectId), cancellationToken).ConfigureAwait(false);
        if (published is null || subject is null)
        {
            return 0;
        }

        var policy = published.Document;
        var decidedOn = BusinessDate.FromInstant(input.DecidedAt);
        var period = (policy.Schedule.Kind == ScheduleKind.Monthly ? PolicyPeriod.ParseMonth(input.Period) : PolicyPeriod.For(policy, decidedOn)).Within(policy);
        if (period is null)
        {
            return 0;
        }

        var compiled = Compile(policy, decidedOn, period);
        var coverage = await _subjects.GetCoverageAsync(cancellationToken).ConfigureAwait(false);
        var (amount, _) = AmountCalculator.Compute(policy.Amount, FactsOf(subject, coverage, decidedOn), compiled.Context);
        return amount?.Fen ?? 0;
    }

    private static string Purpose(PolicyDocument policy, string period)
    {
        var text = $"{policy.Id} {period}";
        return text.Length <= 140 ? text : text[..140];
    }

    // The limit's slot names the household, or the couple (the unordered pair, so both spouses name the same slot);
    // a contest's winner brings the one it checked, a case for review takes what the registry holds.
    private static List<string> SlotsOf(PolicyDocument policy, SubjectRecord subject, SubjectFacts facts, string period, string? limitSlot)
    {
        var slots = new List<string>(2);
        if (policy.BeneficiaryLimit != BeneficiaryLimit.None)
        {
            slots.Add($"limit|{policy.Id}|{period}|{limitSlot ?? RecordedLimitSlot(policy.BeneficiaryLimit, subject, facts)}");
        }

        if (policy.ExclusionGroup is { } group)
        {
            slots.Add($"group|{group}|{period}|{subject.Id.Value}");
        }

        return slots;
    }

    private static string RecordedLimitSlot(BeneficiaryLimit limit, SubjectRecord subject, SubjectFacts facts)
    {
        if (limit == BeneficiaryLimit.OnePerHousehold)
        {
            var household = facts.Get("household.id") is { Value.Kind: ValueKind.Text } fact ? fact.Value.AsText : null;
            return string.IsNullOrEmpty(household) ? "subject:" + subject.Id.Value : "household:" + household;
        }

        if (facts.Get("marriage.spouse") is { Value.Kind: ValueKind.Text } spouse && facts.Get("marriage.married") is { Value.AsBool: true })
        {
            var other = new SubjectId(spouse.Value.AsText);
            var (first, second) = subject.Id < other ? (subject.Id, other) : (other, subject.Id);
            return $"couple:{first.Value}|{second.Value}";
        }

        return "subject:" + subject.Id.Value;
    }
}
