using System.Collections.Concurrent;
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
/// subject of the policy's kind in it and opens the case (or allowance) of each eligible or unknown subject. Opening
/// is idempotent by instance id, so a shard evaluated twice (an activity run again) opens nothing twice.
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
        var counts = new ConcurrentBag<PolicyRunCounts>();
        await Parallel.ForEachAsync(
            reader.ReadShardAsync(PolicyEvaluator.KindOf(policy), work.Shard, cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (subject, ct) =>
            {
                var facts = PolicyEvaluator.FactsOf(subject);
                var decision = compiled.DecideIfRelevant(facts);
                var input = decision is null ? null : evaluator.ToCase(policy, subject, facts, decision, period.Name);
                if (input is null)
                {
                    counts.Add(new PolicyRunCounts(1, 0, 0, 0, 1, 0));
                    return;
                }

                await starter.StartAsync(policy, input, decision!.EligibleDays, ct).ConfigureAwait(false);
                counts.Add(input.Track == CaseTrack.Automatic
                    ? new PolicyRunCounts(1, 1, 1, 0, 0, input.AmountFen ?? 0)
                    : new PolicyRunCounts(1, 1, 0, 1, 0, 0));
            }).ConfigureAwait(false);
        return counts.Aggregate(PolicyRunCounts.Zero, PolicyRunCounts.Add);
    }
}
