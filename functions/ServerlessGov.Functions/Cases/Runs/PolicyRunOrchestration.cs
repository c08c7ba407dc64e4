using ServerlessGov.Durable;

namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>
/// A policy run: fans out one evaluation activity per registry shard and gathers their counts, updating its custom
/// status (evaluated / matched / automatic / review / excluded) as each shard finishes. The cases it opens run on
/// their own; the run's summary is what the data matched, not what was paid.
/// </summary>
public static class PolicyRunOrchestration
{
    /// <summary>The orchestrator function's name.</summary>
    public const string Name = "PolicyRun";

    /// <summary>Runs the fan-out.</summary>
    /// <exception cref="TaskFailedException">A shard failed for good (after retries).</exception>
    public static async Task<PolicyRunProgress> RunAsync(TaskOrchestrationContext context, PolicyRunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        // With the count in the input, every shard is queued in the first episode, ahead of the cases the shards open.
        var shards = input.Shards ?? await context.CallActivityAsync<int>(PolicyRunActivities.CountShards, input.PolicyId);
        var retry = new TaskOptions(new RetryPolicy(5, TimeSpan.FromSeconds(2), backoffCoefficient: 2));
        var pending = Enumerable.Range(0, shards)
            .Select(shard => context.CallActivityAsync<PolicyRunCounts>(PolicyRunActivities.EvaluateShard, new ShardWork(input.PolicyId, input.PolicyVersion, input.RunDate, shard), retry))
            .ToList();
        var progress = new PolicyRunProgress(shards, 0, PolicyRunCounts.Zero);
        context.SetCustomStatus(progress);
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            progress = progress with { ShardsDone = progress.ShardsDone + 1, Counts = progress.Counts + await done };
            context.SetCustomStatus(progress);
        }

        return progress;
    }
}
