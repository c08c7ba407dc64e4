using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.CaseFlow;
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

    /// <summary>A subject's facts loaded for evaluation.</summary>
    public static SubjectFacts FactsOf(SubjectRecord subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var facts = new SubjectFacts(Dictionary);
        foreach (var fact in subject.Facts)
        {
            facts.Add(fact);
        }

        return facts;
    }

    /// <summary>
    /// The case for a satisfied or unknown decision: automatic when the data proved eligibility on an automatic
    /// policy, review otherwise. Null when there is nothing to pay (a satisfied decision for zero).
    /// </summary>
    public CaseInput? ToCase(PolicyDocument policy, SubjectRecord subject, SubjectFacts facts, PolicyDecision decision, string period)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(decision);
        var proven = decision.Outcome == Truth.Satisfied;
        if (proven && decision.Amount is not { Fen: > 0 })
        {
            return null;
        }

        var track = proven && policy.Track == PolicyTrack.Automatic ? CaseTrack.Automatic : CaseTrack.Review;
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
            decision.UnknownReasons.Take(16).ToList(),
            SlotsOf(policy, subject, facts, period),
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
        var (amount, _) = AmountCalculator.Compute(policy.Amount, FactsOf(subject), compiled.Context);
        return amount?.Fen ?? 0;
    }

    private static string Purpose(PolicyDocument policy, string period)
    {
        var text = $"{policy.Id} {period}";
        return text.Length <= 140 ? text : text[..140];
    }

    private static List<string> SlotsOf(PolicyDocument policy, SubjectRecord subject, SubjectFacts facts, string period)
    {
        var slots = new List<string>(2);
        if (policy.BeneficiaryLimit != BeneficiaryLimit.None)
        {
            var household = facts.Get("household.id") is { Value.Kind: ValueKind.Text } fact ? fact.Value.AsText : null;
            slots.Add($"limit|{policy.Id}|{period}|{(string.IsNullOrEmpty(household) ? "subject:" + subject.Id.Value : "household:" + household)}");
        }

        if (policy.ExclusionGroup is { } group)
        {
            slots.Add($"group|{group}|{period}|{subject.Id.Value}");
        }

        return slots;
    }
}
