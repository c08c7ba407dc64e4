using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
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
        var running = new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Running],
            InstanceIdPrefix = CaseIds.CasePrefix(policyId),
            PageSize = PageSize,
            FetchInputsAndOutputs = true,
        };
        await foreach (var instance in _client.GetAllInstancesAsync(running).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (instance.Name == CaseOrchestration.Name && instance.SerializedCustomStatus is not null
                && instance.ReadCustomStatusAs<CaseProgress>()?.Stage == CaseStage.WaitingForBudget)
            {
                await _client.RaiseEventAsync(instance.InstanceId, CaseEvents.BudgetRaised, null, cancellationToken).ConfigureAwait(false);
                woken++;
            }
        }

        Log.BudgetWaitersWoken(_logger, policyId, woken);
        return woken;
    }
}
