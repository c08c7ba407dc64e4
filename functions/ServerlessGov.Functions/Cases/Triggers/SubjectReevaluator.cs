using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.Limits;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects;

namespace ServerlessGov.Functions.Cases.Triggers;

/// <summary>
/// Re-evaluates one subject after its facts changed, against only the policies in force that read a changed fact
/// (rule, amount, or the household or spouse its beneficiary limit reads): opens the case (or allowance) of a policy it
/// now matches and wins (<see cref="BenefitContest"/>), and tells a running allowance to re-check at once, so a death
/// or a move stops it from its date within seconds.
/// </summary>
public sealed class SubjectReevaluator
{
    private readonly IPolicyCatalog _catalog;
    private readonly ISubjectFactsReader _subjects;
    private readonly PolicyEvaluator _evaluator;
    private readonly CaseStarter _starter;
    private readonly BenefitContest _contest;
    private readonly DurableTaskClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger<SubjectReevaluator> _logger;

    public SubjectReevaluator(IPolicyCatalog catalog, ISubjectFactsReader subjects, PolicyEvaluator evaluator, CaseStarter starter, BenefitContest contest, DurableTaskClient client, TimeProvider time, ILogger<SubjectReevaluator> logger)
    {
        ArgumentNullException.ThrowIfNull(contest);
        _contest = contest;
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(starter);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _catalog = catalog;
        _subjects = subjects;
        _evaluator = evaluator;
        _starter = starter;
        _client = client;
        _time = time;
        _logger = logger;
    }

    /// <summary>Handles one change; returns how many cases (or allowances) it opened or woke.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">A store failed (the message is retried).</exception>
    public async Task<int> HandleAsync(SubjectUpdated change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var subject = await _subjects.GetAsync(new SubjectId(change.SubjectId), cancellationToken).ConfigureAwait(false);
        if (subject is null)
        {
            return 0;
        }

        var changed = change.ChangedFacts.ToHashSet(StringComparer.Ordinal);
        var today = BusinessDate.Today(_time);
        var touched = 0;
        var inForce = (await _catalog.ListEffectiveAsync(today, cancellationToken).ConfigureAwait(false)).Select(p => p.Document).ToList();
        var coverage = await _subjects.GetCoverageAsync(cancellationToken).ConfigureAwait(false);
        foreach (var policy in inForce)
        {
            if (PolicyEvaluator.KindOf(policy) != subject.Kind || !PolicyFacts.ReadBy(policy).Overlaps(changed))
            {
                continue;
            }

            var allowanceId = CaseIds.Allowance(policy.Id, subject.Id.Value);
            if (await _client.GetInstanceAsync(allowanceId, cancellationToken).ConfigureAwait(false) is { IsCompleted: false })
            {
                await _client.RaiseEventAsync(allowanceId, CaseEvents.FactsChanged, null, cancellationToken).ConfigureAwait(false);
                touched++;
                continue;
            }

            if (PolicyPeriod.For(policy, today).Within(policy) is not { } period)
            {
                continue;
            }

            var facts = PolicyEvaluator.FactsOf(subject, coverage, today);
            var decision = _evaluator.Compile(policy, today, period).DecideIfRelevant(facts);
            if (decision is null)
            {
                continue;
            }

            var contest = await _contest.DecideAsync(policy, period, today, inForce, subject, facts, decision, coverage, cancellationToken).ConfigureAwait(false);
            if (_evaluator.ToCase(policy, subject, facts, decision, period.Name, contest) is { } input)
            {
                await _starter.StartAsync(policy, input, decision.EligibleDays, cancellationToken).ConfigureAwait(false);
                touched++;
            }
        }

        Log.Reevaluated(_logger, changed.Count, touched);
        return touched;
    }
}
