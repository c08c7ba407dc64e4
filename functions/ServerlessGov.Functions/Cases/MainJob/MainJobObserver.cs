using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Runs;

namespace ServerlessGov.Functions.Cases.MainJob;

/// <summary>
/// Reads the policy runs and cases of the store through the durable client and sums them into a <see cref="MainJobSnapshot"/>;
/// at the end, why the cases in review are there.
/// </summary>
public sealed class MainJobObserver
{
    private readonly DurableTaskClient _client;
    private readonly IReadOnlySet<string> _residentPolicies;

    /// <param name="client">The durable client of the job's store.</param>
    /// <param name="residentPolicies">The ids of the policies for residents, whose runs the automatic share counts.</param>
    public MainJobObserver(DurableTaskClient client, IReadOnlySet<string> residentPolicies)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(residentPolicies);
        _client = client;
        _residentPolicies = residentPolicies;
    }

    /// <summary>Takes a snapshot (reads every run and case instance).</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The store failed.</exception>
    public async Task<MainJobSnapshot> TakeAsync(CancellationToken cancellationToken = default)
    {
        int runs = 0, runsDone = 0, shards = 0, shardsDone = 0;
        var counts = PolicyRunCounts.Zero;
        var residents = PolicyRunCounts.Zero;
        await foreach (var run in QueryAsync("run|").WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            runs++;
            var progress = run.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? run.ReadOutputAs<PolicyRunProgress>() : run.ReadCustomStatusAs<PolicyRunProgress>();
            runsDone += run.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? 1 : 0;
            if (progress is not null)
            {
                shards += progress.Shards;
                shardsDone += progress.ShardsDone;
                counts += progress.Counts;
                residents += _residentPolicies.Contains(run.InstanceId.Split('|')[1]) ? progress.Counts : PolicyRunCounts.Zero;
            }
        }

        int cases = 0, paid = 0, review = 0, budget = 0, moving = 0, failed = 0, other = 0;
        long amount = 0;
        var latencies = new List<TimeSpan>();
        await foreach (var instance in QueryAsync("case|").WithCancellation(cancellationToken).ConfigureAwait(false))
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
            counts.Automatic + counts.Review, cases, paid, review, budget, moving, failed, other, amount, latencies)
        {
            ResidentMatched = residents.Matched,
            ResidentAutomatic = residents.Automatic,
            Outranked = counts.Outranked,
        };
    }

    /// <summary>
    /// Why the cases waiting for a reviewer are there: the reasons they name (a case naming two counts under both),
    /// most frequent first, and how many name none.
    /// </summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The store failed.</exception>
    public async Task<(IReadOnlyList<(string Reason, int Cases)> Reasons, int WithoutReason)> ReviewReasonsAsync(CancellationToken cancellationToken = default)
    {
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var without = 0;
        await foreach (var instance in QueryAsync("case|").WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (instance.Name != CaseOrchestration.Name || CaseProgress.Of(instance)?.Stage != CaseStage.InReview || instance.ReadInputAs<CaseInput>() is not { } input)
            {
                continue;
            }

            var named = input.Track == CaseTrack.Review ? input.UnknownReasons.Select(ReviewReasonText.Of).Distinct(StringComparer.Ordinal).ToList() : ["a payment failed or was returned"];
            without += named.Count == 0 ? 1 : 0;
            foreach (var reason in named)
            {
                reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
            }
        }

        return (reasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value)).ToList(), without);
    }

    private AsyncPageable<OrchestrationMetadata> QueryAsync(string prefix) =>
        _client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 1000, FetchInputsAndOutputs = true });
}
