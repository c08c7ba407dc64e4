using Microsoft.Extensions.Logging;
using ServerlessGov.Durable;
using ServerlessGov.Functions.Cases.CaseFlow;

namespace ServerlessGov.Functions.Cases.Triggers;

/// <summary>
/// Wakes the cases of a policy that wait for budget when a new version is published (staff raise a cap by publishing
/// a version with a higher one), so they try their reservation at once instead of at their next recheck.
/// </summary>
public sealed class BudgetWaiters
{
    private const int PageSize = 500;
    private readonly DurableTaskClient _client;
    private readonly ILogger<BudgetWaiters> _logger;

    public BudgetWaiters(DurableTaskClient client, ILogger<BudgetWaiters> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _logger = logger;
    }

    /// <summary>Raises <see cref="CaseEvents.BudgetRaised"/> on every running case of the policy at stage <see cref="CaseStage.WaitingForBudget"/>; returns how many.</summary>
    /// <exception cref="ServerlessGov.Storage.StorageException">The store failed (the publish message is retried; a second wake is harmless).</exception>
    public async Task<int> WakeAsync(string policyId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(policyId);
        var woken = 0;
        string? token = null;
        do
        {
            var page = await _client.QueryInstancesAsync(
                new OrchestrationQuery([OrchestrationRuntimeStatus.Running], InstanceIdPrefix: CaseIds.CasePrefix(policyId), PageSize: PageSize, ContinuationToken: token),
                cancellationToken).ConfigureAwait(false);
            foreach (var instance in page.Instances)
            {
                if (instance.Name == CaseOrchestration.Name && instance.SerializedCustomStatus is not null
                    && instance.ReadCustomStatusAs<CaseProgress>()?.Stage == CaseStage.WaitingForBudget)
                {
                    await _client.RaiseEventAsync(instance.InstanceId, CaseEvents.BudgetRaised, null, cancellationToken).ConfigureAwait(false);
                    woken++;
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        Log.BudgetWaitersWoken(_logger, policyId, woken);
        return woken;
    }
}
