using Microsoft.DurableTask.Client;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Runs;

namespace ServerlessGov.Benchmarks.Cases;

/// <summary>Reads every policy run and case instance through the durable client and sums them into a <see cref="CaseRunSnapshot"/>.</summary>
internal sealed class CaseRunObserver(DurableTaskClient client)
{
    public async Task<CaseRunSnapshot> TakeAsync()
    {
        int runs = 0, runsDone = 0, evaluated = 0, expected = 0;
        var perPolicy = new SortedDictionary<string, PolicyRunCounts>(StringComparer.Ordinal);
        DateTimeOffset? lastRun = null;
        await foreach (var run in QueryAsync("run|"))
        {
            runs++;
            var done = run.RuntimeStatus == OrchestrationRuntimeStatus.Completed;
            var progress = done ? run.ReadOutputAs<PolicyRunProgress>() : run.ReadCustomStatusAs<PolicyRunProgress>();
            if (done)
            {
                runsDone++;
                lastRun = Max(lastRun, run.LastUpdatedAt);
            }

            if (progress is not null)
            {
                evaluated += progress.Counts.Evaluated;
                perPolicy[run.InstanceId.Split('|')[1]] = progress.Counts;
                expected += progress.Counts.Automatic + progress.Counts.Review;
            }
        }

        if (runs == 0 || runsDone < runs)
        {
            // Until every run is done the cases cannot all be there: reading them now would only load the store.
            return new CaseRunSnapshot(runs, runsDone, evaluated, expected, 0, 0, 0, 0, 0, 0, 0, lastRun, null, null, [], perPolicy, []);
        }

        int cases = 0, instructed = 0, review = 0, before = 0, other = 0, settling = 0, failed = 0;
        DateTimeOffset? lastCreated = null, lastInstructed = null;
        var latencies = new List<TimeSpan>();
        var instructedCases = new List<(string InstanceId, DateTimeOffset DecidedAt)>();
        await foreach (var instance in QueryAsync("case|"))
        {
            if (instance.Name != CaseOrchestration.Name)
            {
                continue;
            }

            cases++;
            lastCreated = Max(lastCreated, instance.CreatedAt);
            DateTimeOffset? instructedAt = null;
            DateTimeOffset? decidedAt = null;
            switch (instance.RuntimeStatus)
            {
                case OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated:
                    failed++;
                    continue;
                case OrchestrationRuntimeStatus.Completed:
                    var result = instance.ReadOutputAs<CaseResult>();
                    (instructedAt, decidedAt) = (result?.InstructedAt, result?.DecidedAt);
                    other += instructedAt is null ? 1 : 0;
                    break;
                default:
                    var progress = instance.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<CaseProgress>();
                    instructedAt = progress?.InstructedAt;
                    if (instructedAt is not null)
                    {
                        settling++;
                        decidedAt = instance.ReadInputAs<CaseInput>()?.DecidedAt;
                    }
                    else if (progress?.Stage == CaseStage.InReview)
                    {
                        review++;
                    }
                    else if (progress?.Stage is CaseStage.WaitingForBudget or CaseStage.PaymentFailed)
                    {
                        other++;
                    }
                    else
                    {
                        before++;
                    }

                    break;
            }

            if (instructedAt is { } at)
            {
                instructed++;
                lastInstructed = Max(lastInstructed, at);
                if (decidedAt is { } decided)
                {
                    latencies.Add(at - decided);
                    instructedCases.Add((instance.InstanceId, decided));
                }
            }
        }

        return new CaseRunSnapshot(runs, runsDone, evaluated, expected, cases, instructed, review, before, other, settling, failed,
            lastRun, lastCreated, lastInstructed, latencies, perPolicy, instructedCases);
    }

    private static DateTimeOffset Max(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is { } value && value > candidate ? value : candidate;

    private AsyncPageable<OrchestrationMetadata> QueryAsync(string prefix) =>
        client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 1000, FetchInputsAndOutputs = true });
}
