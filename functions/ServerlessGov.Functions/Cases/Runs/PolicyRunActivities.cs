using Microsoft.Extensions.Options;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Values;
using ServerlessGov.Durable;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects;
using ServerlessGov.Hosting.Catalog;

namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>
/// The policy run's activities: how many shards to fan out over, and the evaluation of one shard, which decides every
/// subject of the policy's kind in it and opens the case (or allowance) of each eligible or unknown subject, or only
/// those of one track (<see cref="ShardWork.Opens"/>). Opening is idempotent by instance id, so a shard evaluated
/// twice (an activity run again, or the run's second pass) opens nothing twice.
/// </summary>
public static class PolicyRunActivities
{
    /// <summary>Returns the registry's shard count.</summary>
    public const string CountShards = "CountRegistryShards";

    /// <summary>Evaluates one shard and opens its cases.</summary>
    public const string EvaluateShard = "EvaluatePolicyShard";

    /// <summary>Declares the activities on the host's catalog.</summary>
    public static FunctionsBuilder AddPolicyRunActivities(this FunctionsBuilder functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        return functions
            .Activity<string, int>(CountShards, (_, _, context, _) => Task.FromResult(context.Services.GetRequiredService<ISubjectFactsReader>().ShardCount))
            .Activity<ShardWork, PolicyRunCounts>(EvaluateShard, (_, work, context, ct) => EvaluateShardAsync(work, context.Services, ct));
    }

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
        var concurrency = services.GetRequiredService<IOptions<CaseOptions>>().Value.StartConcurrency;
        var total = PolicyRunCounts.Zero;
        var opening = new List<(CaseInput Input, int? EligibleDays)>();
        await foreach (var subject in reader.ReadShardAsync(PolicyEvaluator.KindOf(policy), work.Shard, cancellationToken).ConfigureAwait(false))
        {
            var facts = PolicyEvaluator.FactsOf(subject);
            var decision = compiled.DecideIfRelevant(facts);
            if (decision is not null && evaluator.ToCase(policy, subject, facts, decision, period.Name) is { } input)
            {
                opening.Add((input, decision.EligibleDays));
                total += input.Track == CaseTrack.Automatic
                    ? new PolicyRunCounts(1, 1, 1, 0, 0, input.AmountFen ?? 0)
                    : new PolicyRunCounts(1, 1, 0, 1, 0, 0);
            }
            else
            {
                total += new PolicyRunCounts(1, 0, 0, 0, 1, 0);
            }
        }

        // The automatic cases open first: their payments go out as they open, and the shard's review items (each
        // opened by the starter) should not hold them up.
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        foreach (var track in work.Opens is { } only ? [only] : (CaseTrack[])[CaseTrack.Automatic, CaseTrack.Review])
        {
            await Parallel.ForEachAsync(opening.Where(o => o.Input.Track == track), options, async (open, ct) =>
                await starter.StartAsync(policy, open.Input, open.EligibleDays, ct).ConfigureAwait(false)).ConfigureAwait(false);
        }

        return total;
    }
}
