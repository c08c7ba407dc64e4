using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Limits;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects;

namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>
/// The policy run's activities: how many shards to fan out over, and the evaluation of one shard, which decides every
/// subject of the policy's kind in it and opens the case (or allowance) of each eligible or unknown subject, or only
/// those of one track (<see cref="ShardWork.Opens"/>). Opening is idempotent by instance id, so a shard evaluated
/// twice (an activity run again, or the run's second pass) opens nothing twice.
/// </summary>
public sealed class PolicyRunActivities(ISubjectFactsReader registry, IServiceProvider services)
{
    /// <summary>Returns the registry's shard count.</summary>
    public const string CountShards = "CountRegistryShards";

    /// <summary>Evaluates one shard and opens its cases.</summary>
    public const string EvaluateShard = "EvaluatePolicyShard";

    /// <summary>The registry's shard count (the fan-out of a run).</summary>
    [Function(CountShards)]
    public Task<int> CountShardsAsync([ActivityTrigger] string policyId) => Task.FromResult(registry.ShardCount);

    /// <summary>Evaluates one shard and opens its cases (<see cref="EvaluateShardAsync(ShardWork, IServiceProvider, CancellationToken)"/>).</summary>
    [Function(EvaluateShard)]
    public Task<PolicyRunCounts> EvaluateShardAsync([ActivityTrigger] ShardWork work, CancellationToken cancellationToken) =>
        EvaluateShardAsync(work, services, cancellationToken);

    /// <summary>Evaluates one shard of the registry against one policy version and opens the cases it finds.</summary>
    /// <exception cref="InvalidOperationException">The version was never published.</exception>
    public static async Task<PolicyRunCounts> EvaluateShardAsync(ShardWork work, IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(services);
        var published = await services.GetRequiredService<IPolicyCatalog>().GetAsync(work.PolicyId, new PolicyVersion(work.PolicyVersion), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Policy {work.PolicyId} v{work.PolicyVersion} was never published.");
        var policy = published.Document;
        var date = BusinessDate.Parse(work.RunDate);
        if (!published.IsEffectiveOn(date) || PolicyPeriod.For(policy, date).Within(policy) is not { } period)
        {
            return PolicyRunCounts.Zero;
        }

        var evaluator = services.GetRequiredService<PolicyEvaluator>();
        var starter = services.GetRequiredService<CaseStarter>();
        var compiled = evaluator.Compile(policy, date, period);
        var reader = services.GetRequiredService<ISubjectFactsReader>();
        var coverage = await reader.GetCoverageAsync(cancellationToken).ConfigureAwait(false);
        var concurrency = services.GetRequiredService<IOptions<CaseOptions>>().Value.StartConcurrency;
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        var decided = new List<(SubjectRecord Subject, SubjectFacts Facts, PolicyDecision Decision)>();
        var excluded = 0;
        await foreach (var subject in reader.ReadShardAsync(PolicyEvaluator.KindOf(policy), work.Shard, cancellationToken).ConfigureAwait(false))
        {
            var facts = PolicyEvaluator.FactsOf(subject, coverage, date);
            if (compiled.DecideIfRelevant(facts) is { } decision)
            {
                decided.Add((subject, facts, decision));
            }
            else
            {
                excluded++;
            }
        }

        // A proven subject under an exclusion group or a beneficiary limit opens a case only when it wins its contest,
        // which every shard decides alike from the same data. A pass that opens every case (the run's second) finds the
        // winners' cases the first pass opened and contests only the rest.
        var contested = new ContestOutcome?[decided.Count];
        var open = new bool[decided.Count];
        if (BenefitContest.Applies(policy))
        {
            var contest = services.GetRequiredService<BenefitContest>();
            var client = services.GetRequiredService<DurableTaskClient>();
            var inForce = (await services.GetRequiredService<IPolicyCatalog>().ListEffectiveAsync(date, cancellationToken).ConfigureAwait(false)).Select(p => p.Document).ToList();
            await Parallel.ForEachAsync(Enumerable.Range(0, decided.Count), options, async (i, ct) =>
            {
                var (subject, facts, decision) = decided[i];
                open[i] = decision.Outcome == Truth.Satisfied && work.Opens is null
                    && await client.GetInstanceAsync(CaseStarter.InstanceIdFor(policy, subject.Id.Value, period.Name), ct).ConfigureAwait(false) is not null;
                if (!open[i])
                {
                    contested[i] = await contest.DecideAsync(policy, period, date, inForce, subject, facts, decision, coverage, ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }

        var total = new PolicyRunCounts(excluded, 0, 0, 0, excluded, 0);
        var opening = new List<(CaseInput Input, int? EligibleDays)>();
        for (var i = 0; i < decided.Count; i++)
        {
            var (subject, facts, decision) = decided[i];
            if (open[i])
            {
                total += new PolicyRunCounts(1, 1, 1, 0, 0, decision.Amount?.Fen ?? 0);
            }
            else if (evaluator.ToCase(policy, subject, facts, decision, period.Name, contested[i]) is { } input)
            {
                opening.Add((input, decision.EligibleDays));
                total += input.Track == CaseTrack.Automatic
                    ? new PolicyRunCounts(1, 1, 1, 0, 0, input.AmountFen ?? 0)
                    : new PolicyRunCounts(1, 1, 0, 1, 0, 0);
            }
            else if (contested[i]?.Result is ContestResult.Outranked or ContestResult.Held)
            {
                total += new PolicyRunCounts(1, 0, 0, 0, 0, 0, Outranked: 1);
            }
            else
            {
                total += new PolicyRunCounts(1, 0, 0, 0, 1, 0);
            }
        }

        // The automatic cases open first: their payments go out as they open, and the shard's review items (each
        // opened by the starter) should not hold them up.
        foreach (var track in work.Opens is { } only ? [only] : (CaseTrack[])[CaseTrack.Automatic, CaseTrack.Review])
        {
            await Parallel.ForEachAsync(opening.Where(o => o.Input.Track == track), options, async (open, ct) =>
                await starter.StartAsync(policy, open.Input, open.EligibleDays, ct).ConfigureAwait(false)).ConfigureAwait(false);
        }

        return total;
    }
}
