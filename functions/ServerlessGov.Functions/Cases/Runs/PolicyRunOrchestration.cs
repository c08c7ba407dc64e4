using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ServerlessGov.Durable;
using ServerlessGov.Functions.Cases.CaseFlow;

namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>
/// A policy run: fans out one evaluation activity per registry shard and gathers their counts, updating its custom
/// status (evaluated / matched / automatic / review / excluded) as each shard finishes, then opens each shard's
/// remaining cases (review items) in a second pass. The cases it opens run on
/// their own; the run's summary is what the data matched, not what was paid.
/// </summary>
public static class PolicyRunOrchestration
{
    /// <summary>The orchestrator function's name.</summary>
    public const string Name = "PolicyRun";

    /// <summary>Runs the fan-out.</summary>
    /// <exception cref="TaskFailedException">A shard failed for good (after retries).</exception>
    [Function(Name)]
    public static async Task<PolicyRunProgress> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<PolicyRunInput>() ?? throw new ArgumentException("The orchestration has no input.", nameof(context));
        // With the count in the input, every shard is queued in the first episode, ahead of the cases the shards open.
        var shards = input.Shards ?? await context.CallActivityAsync<int>(PolicyRunActivities.CountShards, input.PolicyId);
        var retry = TaskRetryOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(2), backoffCoefficient: 2));

        // Two passes per shard. The first decides the shard and opens its automatic cases, which pay as they open. The
        // second opens the rest (review items, whose SLA is days; the automatic cases are found open) in the engine's
        // background lane, so the bulk of the openings never stands in the activity queue in front of other cases'
        // steps (a payment after its confirmation window, a settlement).
        var evaluations = Enumerable.Range(0, shards).ToDictionary(
            shard => context.CallActivityAsync<PolicyRunCounts>(PolicyRunActivities.EvaluateShard, Work(input, shard, CaseTrack.Automatic), new TaskOptions(retry)),
            shard => shard);
        var openings = new List<Task<PolicyRunCounts>>(shards);
        var progress = new PolicyRunProgress(shards, 0, PolicyRunCounts.Zero);
        context.SetCustomStatus(progress);
        while (evaluations.Count + openings.Count > 0)
        {
            var done = await Task.WhenAny(evaluations.Keys.Concat(openings));
            if (evaluations.Remove(done, out var shard))
            {
                progress = progress with { ShardsDone = progress.ShardsDone + 1, Counts = progress.Counts + await done };
                openings.Add(context.CallActivityAsync<PolicyRunCounts>(PolicyRunActivities.EvaluateShard, Work(input, shard, opens: null), DurableLanes.Background(retry)));
            }
            else
            {
                openings.Remove(done);
                await done;
                progress = progress with { ShardsOpened = progress.ShardsOpened + 1 };
            }

            context.SetCustomStatus(progress);
        }

        return progress;
    }

    private static ShardWork Work(PolicyRunInput input, int shard, CaseTrack? opens) =>
        new(input.PolicyId, input.PolicyVersion, input.RunDate, shard, opens);
}
