using ServerlessGov.Durable;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Runs;

namespace ServerlessGov.Functions.Cases.MainJob;

/// <summary>Reads the policy runs and cases of the store through the durable client and sums them into a <see cref="MainJobSnapshot"/>.</summary>
public sealed class MainJobObserver
{
    private readonly DurableTaskClient _client;

    public MainJobObserver(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>Takes a snapshot (reads every run and case instance).</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The store failed.</exception>
    public async Task<MainJobSnapshot> TakeAsync(CancellationToken cancellationToken = default)
    {
        int runs = 0, runsDone = 0, shards = 0, shardsDone = 0;
        var counts = PolicyRunCounts.Zero;
        await foreach (var run in QueryAsync("run|", cancellationToken).ConfigureAwait(false))
        {
            runs++;
            var progress = run.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? run.ReadOutputAs<PolicyRunProgress>() : run.ReadCustomStatusAs<PolicyRunProgress>();
            runsDone += run.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? 1 : 0;
            if (progress is not null)
            {
                shards += progress.Shards;
                shardsDone += progress.ShardsDone;
                counts += progress.Counts;
            }
        }

        int cases = 0, paid = 0, review = 0, budget = 0, moving = 0, failed = 0, other = 0;
        long amount = 0;
        var latencies = new List<TimeSpan>();
        await foreach (var instance in QueryAsync("case|", cancellationToken).ConfigureAwait(false))
        {
            if (instance.Name != CaseOrchestration.Name)
            {
                continue;
            }

            cases++;
            if (instance.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)
            {
                failed++;
                continue;
            }

            if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
            {
                var result = instance.ReadOutputAs<CaseResult>();
                if (result?.Outcome == CaseOutcome.Paid)
                {
                    paid++;
                    amount += result.AmountFen;
                    if (result.InstructedAt is { } instructed)
                    {
                        latencies.Add(instructed - result.DecidedAt);
                    }
                }
                else
                {
                    other++;
                }

                continue;
            }

            var stage = CaseProgress.Of(instance);
            switch (stage?.Stage)
            {
                case CaseStage.Paid:
                    paid++;
                    amount += stage.AmountFen ?? 0;
                    if (stage.InstructedAt is { } instructedAt && instance.ReadInputAs<CaseInput>() is { } input)
                    {
                        latencies.Add(instructedAt - input.DecidedAt);
                    }

                    break;
                case CaseStage.InReview:
                    review++;
                    break;
                case CaseStage.WaitingForBudget:
                    budget++;
                    break;
                case CaseStage.PaymentFailed:
                    other++;
                    break;
                default:
                    moving++;
                    break;
            }
        }

        return new MainJobSnapshot(runs, runsDone, shards, shardsDone, counts.Evaluated, counts.Matched, counts.Excluded,
            counts.Automatic + counts.Review, cases, paid, review, budget, moving, failed, other, amount, latencies);
    }

    private async IAsyncEnumerable<OrchestrationMetadata> QueryAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var page = await _client.QueryInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: prefix, PageSize: 1000, ContinuationToken: token), cancellationToken).ConfigureAwait(false);
            foreach (var instance in page.Instances)
            {
                yield return instance;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }
}
